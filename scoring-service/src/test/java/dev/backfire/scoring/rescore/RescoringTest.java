package dev.backfire.scoring.rescore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.MessageScore;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.export.TranscriptExport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescoringTest {
    private static final String EXPORT = """
            {"export":"transcripts","studyId":"s1","lockHash":"h","model":"synthetic","synthetic":true,"label":"SYNTHETIC"}
            {"runId":"r-en","language":"en","alignmentRatio":1.0,"replicate":1,"turn":1,"agentId":0,"aligned":true,"talk":"I agree. We must obey the rules.","monologue":"I refuse."}
            {"runId":"r-ja","language":"ja","alignmentRatio":0.0,"replicate":1,"turn":1,"agentId":0,"aligned":false,"talk":"みんなで守ろう。","monologue":""}
            """;

    @TempDir
    Path dir;

    @Test
    void scoresEveryMessageInANamedSetWithStableEventIds() throws IOException {
        TranscriptExport export = TranscriptExport.parse(EXPORT, "test");
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(v2.resolve("en.yaml"), bundled("en").replace("version: en-1.0.0", "version: en-2.0.0")
                .replaceFirst("(?m)^  conformity:$", "  conformity:\n    - rules"));
        LexiconSets sets = new LexiconSets(Optional.of(dir));
        assertEquals(List.of("bundled", "v2"), sets.names());
        TextScorer scorer = sets.scorer("v2");
        String set = Rescoring.setName(export, scorer);
        assertEquals("rescore-en-2.0.0_ja-1.0.0", set);

        List<MessageScore> scores = Rescoring.scores(export, scorer, set, 0);
        List<MessageScore> bundled = Rescoring.scores(export, sets.scorer("bundled"), "b", 0);
        assertEquals(2, scores.size());
        assertEquals("r-en/t1/a0/" + set, scores.get(0).eventId());
        assertEquals(set, scores.get(0).scoringSet());
        assertEquals("en-2.0.0", scores.get(0).lexiconVersion());
        assertTrue(scores.get(0).synthetic());
        // "we must obey" takes the leftmost words, so the new term "rules" then counts on its own.
        assertEquals(bundled.get(0).hitsOf("conformity") + 1, scores.get(0).hitsOf("conformity"));
        assertEquals(1, scores.get(0).hitsOf("protective.individual"));
        assertEquals(bundled.get(1).talk(), scores.get(1).talk(), "ja keeps its bundled lexicon");
        assertEquals(Rescoring.scores(export, scorer, set, 0), scores, "deterministic");
    }

    @Test
    void aChangedTermChangesTheCounts() throws IOException {
        TranscriptExport export = TranscriptExport.parse(EXPORT.replace("We must obey the rules.", "Rules matter."),
                "test");
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(v2.resolve("en.yaml"), bundled("en").replace("version: en-1.0.0", "version: en-2.0.0")
                .replaceFirst("(?m)^  conformity:$", "  conformity:\n    - rules"));
        LexiconSets sets = new LexiconSets(Optional.of(dir));
        assertNotEquals(Rescoring.scores(export, sets.scorer("bundled"), "b", 0).get(0).hitsOf("conformity"),
                Rescoring.scores(export, sets.scorer("v2"), "v", 0).get(0).hitsOf("conformity"));
    }

    @Test
    void unknownOrEscapingSetNamesAreRefusedNamingTheKnownOnes() {
        LexiconSets sets = new LexiconSets(Optional.of(dir));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sets.scorer("../etc")).getMessage()
                .contains("known: [bundled]"));
        assertThrows(IllegalArgumentException.class, () -> sets.scorer("nope"));
        assertThrows(IllegalArgumentException.class, () -> new LexiconSets(Optional.empty()).scorer("v2"));
    }

    private static String bundled(String language) throws IOException {
        try (InputStream in = TextScorer.class.getClassLoader().getResourceAsStream("lexicons/" + language + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
