package dev.backfire.local.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsJson;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.local.rescore.Rescorer;
import dev.backfire.scorer.export.TranscriptExport;
import dev.backfire.scorer.TextScorer;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticParameters;
import dev.backfire.synthetic.SyntheticReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate-scorer and rescore. The finished study that rescore reads is made here the way
 * {@code ./backfire run} leaves it (transcripts.jsonl from the synthetic model, agent-runs.csv and
 * results.json scored with the bundled lexicons), small enough for a unit test.
 */
class ScorerCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LANGUAGES = List.of("en", "ja");
    private static final int AGENTS = 4;
    private static final int TURNS = 6;
    private static final int REPLICATES = 3;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return BackfireCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateScorerPrintsThePrecisionRecallTablesLabelledSyntheticAndHoldsTheFloors() throws IOException {
        Path json = dir.resolve("validation.json");
        assertEquals(0, run("validate-scorer", "--languages", "en,ja,th", "--messages", "600", "--json",
                json.toString()), err() + out());
        assertTrue(out().contains("SYNTHETIC ground truth"), out());
        assertTrue(out().contains("HAND-LABELLED challenge sentences"), out());
        assertTrue(out().contains("Every floor holds (3 languages)."), out());
        assertTrue(out().lines().allMatch(l -> l.length() <= 80), out());
        assertTrue(out().lines().anyMatch(l -> l.startsWith("th ")), out());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(TextScorer.SCORER_VERSION, report.get("scorerVersion").asText());
        assertEquals(0, report.get("failures").size());
        assertTrue(report.at("/synthetic/groundTruth").asText().startsWith("SYNTHETIC"));
    }

    @Test
    void validateScorerFailsWithExitOneWhenALexiconFallsBelowAFloor() throws IOException {
        Path lexicons = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(lexicons.resolve("th.yaml"), bundled("th").replaceFirst("(?m)^analyzer: thai$",
                "analyzer: standard"));
        assertEquals(1, run("validate-scorer", "--languages", "th", "--messages", "200", "--lexicons",
                lexicons.toString()), err());
        assertTrue(out().contains("Below a floor:") && out().contains("th "), out());
        assertEquals(2, run("validate-scorer", "--languages", "xx"));
        assertTrue(err().contains("unknown language 'xx'"), err());
    }

    @Test
    void validateScorerReadsTheIntendedHitsStoredWithAFinishedStudy() throws IOException {
        Path study = finishedStudy(true);
        Path transcripts = study.resolve("transcripts.jsonl");
        Path json = dir.resolve("study-validation.json");
        // This small study gives Japanese too few individuation phrases to measure: that floor says so, and
        // no other fails.
        assertEquals(1, run("validate-scorer", "--transcripts", transcripts.toString(), "--json", json.toString()),
                err() + out());
        assertTrue(out().replace('\n', ' ').contains("SYNTHETIC ground truth (the intended hits stored with study s1)"),
                out());
        assertTrue(out().contains(LANGUAGES.size() * 2 * REPLICATES * AGENTS * TURNS + " messages of"), out());
        List<String> below = out().lines().dropWhile(l -> !l.equals("Below a floor:")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).toList();
        assertFalse(below.isEmpty(), out());
        assertTrue(below.stream().allMatch(l -> l.contains("fewer than the 10 needed")), out());
        assertFalse(out().contains("HAND-LABELLED"), "only the study's table: " + out());
        assertTrue(out().lines().takeWhile(l -> !l.equals("Below a floor:")).allMatch(l -> l.length() <= 80), out());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("s1", report.get("studyId").asText());
        long labelled = 0;
        for (JsonNode row : report.at("/synthetic/results")) {
            if (row.get("category").asText().equals("all")) {
                labelled += row.get("truePositives").asLong() + row.get("falseNegatives").asLong();
            }
        }
        long stored = 0;
        for (String line : Files.readAllLines(transcripts).subList(1, Files.readAllLines(transcripts).size())) {
            JsonNode hits = JSON.readTree(line).get(TranscriptExport.INTENDED_HITS);
            for (String category : List.of("protective.individual", "protective.harmony", "protective.general",
                    "sexual", "conformity", "individuation")) {
                stored += hits.get(category).asLong();
            }
        }
        assertTrue(stored > 100, "the study carries labelled hits: " + stored);
        assertEquals(stored, labelled, "every stored hit is in the table's support");

        // English alone has the support everywhere, and every floor holds.
        assertEquals(0, run("validate-scorer", "--transcripts", transcripts.toString(), "--languages", "en"), err());
        assertTrue(out().contains("Every floor holds (1 languages).") && out().lines().noneMatch(l -> l.startsWith("ja ")),
                out());
    }

    @Test
    void validateScorerOnAStudyFailsABrokenLexiconAndRefusesWhatItCannotUse() throws IOException {
        Path transcripts = finishedStudy(true).resolve("transcripts.jsonl");
        Path lexicons = Files.createDirectory(dir.resolve("broken-en"));
        Files.writeString(lexicons.resolve("en.yaml"), bundled("en").replaceFirst("(?m)^  conformity:$",
                "  conformity:\n    - the"));
        assertEquals(1, run("validate-scorer", "--transcripts", transcripts.toString(), "--languages", "en",
                "--lexicons", lexicons.toString()), err());
        assertTrue(out().contains("Below a floor:") && out().contains("en conformity"), out());

        Path without = dir.resolve("plain.jsonl");
        Files.writeString(without, Files.readString(finishedStudy(false).resolve("transcripts.jsonl")));
        assertEquals(2, run("validate-scorer", "--transcripts", without.toString()));
        assertTrue(err().contains("intended hits") && err().contains(TranscriptExport.INTENDED_HITS), err());

        assertEquals(2, run("validate-scorer", "--transcripts", transcripts.toString(), "--messages", "10"));
        assertTrue(err().contains("--messages and --seed"), err());

        List<String> lines = new ArrayList<>(Files.readAllLines(transcripts));
        lines.set(3, lines.get(3).replaceFirst("\"conformity\":\\d+", "\"conformity\":-1"));
        Files.write(transcripts, lines);
        assertEquals(2, run("validate-scorer", "--transcripts", transcripts.toString()));
        assertTrue(err().contains("line 4, field '" + TranscriptExport.INTENDED_HITS + ".conformity'"), err());
    }

    @Test
    void rescoreWritesANewSetBesideTheOldWithTheChangedLexiconAndNeverOverwrites() throws IOException {
        Path study = finishedStudy();
        byte[] oldResults = Files.readAllBytes(study.resolve("results.json"));
        byte[] oldCsv = Files.readAllBytes(study.resolve("agent-runs.csv"));
        Path lexicons = Files.createDirectory(dir.resolve("lexicons-v2"));
        // A new English version that also counts "group" as conformity: English conformity hits must rise.
        Files.writeString(lexicons.resolve("en.yaml"), bundled("en").replace("version: en-1.0.0",
                "version: en-2.0.0-test").replaceFirst("(?m)^  conformity:$", "  conformity:\n    - group"));

        assertEquals(0, run("rescore", study.toString(), "--lexicons", lexicons.toString()), err());
        Path target = study.resolve("rescored-en-2.0.0-test_ja-1.0.0");
        assertTrue(Files.isDirectory(target), out());
        assertTrue(out().contains("ja: ja-1.0.0 (bundled;"), out());
        assertTrue(out().contains("SYNTHETIC"), out());
        assertTrue(out().lines().anyMatch(l -> l.startsWith("en ")), out());
        assertArrayEquals(oldResults, Files.readAllBytes(study.resolve("results.json")));
        assertArrayEquals(oldCsv, Files.readAllBytes(study.resolve("agent-runs.csv")));

        JsonNode results = JSON.readTree(target.resolve("results.json").toFile());
        assertEquals("en-2.0.0-test,ja-1.0.0", results.get("lexiconVersions").asText());
        assertEquals(TextScorer.SCORER_VERSION, results.get("scorerVersion").asText());
        assertEquals("lock-abc", results.get("lockHash").asText());
        assertTrue(results.get("label").asText().startsWith("SYNTHETIC"));
        assertEquals(LANGUAGES.size() * 2 * REPLICATES, results.get("runCount").asInt());

        List<AgentRun> before = AgentRunCsv.read(study.resolve("agent-runs.csv"));
        List<AgentRun> after = AgentRunCsv.read(target.resolve("agent-runs.csv"));
        assertEquals(before.size(), after.size());
        assertTrue(sum(after, "en") > sum(before, "en"), "English conformity must rise with the new term");
        assertEquals(sum(before, "ja"), sum(after, "ja"), "Japanese kept its bundled lexicon");
        assertTrue(Files.readString(target.resolve("agent-runs.csv")).startsWith("# backfire-lab agent-runs export;"));
        List<String> scores = Files.readAllLines(target.resolve("message-scores.jsonl"));
        assertEquals(LANGUAGES.size() * 2 * REPLICATES * AGENTS * TURNS + 1, scores.size());
        assertTrue(scores.get(1).contains("\"scoringSet\":\"rescore-en-2.0.0-test_ja-1.0.0\""), scores.get(1));

        // Never overwrites: the same re-scoring again is refused and changes nothing.
        byte[] newResults = Files.readAllBytes(target.resolve("results.json"));
        assertEquals(2, run("rescore", study.toString(), "--lexicons", lexicons.toString()));
        assertTrue(err().contains("already exists"), err());
        assertArrayEquals(newResults, Files.readAllBytes(target.resolve("results.json")));
    }

    @Test
    void rescoringWithTheBundledLexiconsReproducesTheOriginalAgentRuns() throws IOException {
        Path study = finishedStudy();
        Path lexicons = Files.createDirectory(dir.resolve("same"));
        Files.writeString(lexicons.resolve("en.yaml"), bundled("en"));
        assertEquals(0, run("rescore", study.toString(), "--lexicons", lexicons.toString(), "--out",
                dir.resolve("again").toString()), err());
        assertEquals(AgentRunCsv.read(study.resolve("agent-runs.csv")),
                AgentRunCsv.read(dir.resolve("again").resolve("agent-runs.csv")));
    }

    @Test
    void rescoreRefusesBadInputNamingFileLineAndFieldAndWritesNothing() throws IOException {
        Path study = finishedStudy();
        Path lexicons = Files.createDirectory(dir.resolve("lex"));
        Files.writeString(lexicons.resolve("en.yaml"), bundled("en"));
        List<String> lines = new ArrayList<>(Files.readAllLines(study.resolve("transcripts.jsonl")));
        String intact = lines.get(2);
        ObjectNode third = (ObjectNode) JSON.readTree(lines.get(2));
        third.remove("talk");
        lines.set(2, third.toString());
        Files.write(study.resolve("transcripts.jsonl"), lines);
        assertEquals(2, run("rescore", study.toString(), "--lexicons", lexicons.toString()));
        assertTrue(err().contains("transcripts.jsonl:line 3, field 'talk'"), err());
        try (Stream<Path> files = Files.list(study)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("rescored")));
        }
        assertEquals(2, run("rescore", study.toString()));
        assertTrue(err().contains("--lexicons is required"), err());
        Files.writeString(lexicons.resolve("en.yaml"), "language: en\n");
        lines.set(2, intact);
        Files.write(study.resolve("transcripts.jsonl"), lines);
        assertEquals(2, run("rescore", study.toString(), "--lexicons", lexicons.toString()));
        assertTrue(err().contains("en.yaml") && err().contains("'version'"), err());
    }

    private static long sum(List<AgentRun> rows, String language) {
        return rows.stream().filter(r -> r.language().equals(language)).mapToLong(AgentRun::conformityHits).sum();
    }

    private static String bundled(String language) throws IOException {
        try (InputStream in = TextScorer.class.getClassLoader().getResourceAsStream("lexicons/" + language + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path finishedStudy() throws IOException {
        return finishedStudy(false);
    }

    /**
     * A finished synthetic study as ./backfire run leaves it, scored with the bundled lexicons; with
     * {@code intendedHits} each message carries the synthetic model's intended hits, as the orchestrator's
     * export does.
     */
    private Path finishedStudy(boolean intendedHits) throws IOException {
        Path study = Files.createDirectory(dir.resolve(intendedHits ? "study-with-hits" : "study"));
        SyntheticGenerator generator = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
        StringBuilder transcripts = new StringBuilder("{\"export\":\"transcripts\",\"studyId\":\"s1\","
                + "\"lockHash\":\"lock-abc\",\"model\":\"synthetic\",\"synthetic\":true,\"label\":\"SYNTHETIC\"}\n");
        int seed = 0;
        for (String language : LANGUAGES) {
            for (double ratio : new double[] {0, 1}) {
                for (int replicate = 1; replicate <= REPLICATES; replicate++) {
                    String run = language + "-" + ratio + "-" + replicate;
                    for (int turn = 1; turn <= TURNS; turn++) {
                        for (int agent = 0; agent < AGENTS; agent++) {
                            boolean aligned = ratio == 1;
                            SyntheticReply reply = generator.reply(new SyntheticInput(language, aligned, turn, TURNS,
                                    agent, 0, 0, seed++));
                            ObjectNode line = JSON.createObjectNode();
                            line.put("runId", run).put("language", language).put("alignmentRatio", ratio)
                                    .put("replicate", replicate).put("turn", turn).put("agentId", agent)
                                    .put("aligned", aligned).put("talk", reply.talk())
                                    .put("monologue", reply.monologue()).put("synthetic", true);
                            if (intendedHits) {
                                line.putPOJO(TranscriptExport.INTENDED_HITS, reply.intendedHits());
                            }
                            transcripts.append(line).append('\n');
                        }
                    }
                }
            }
        }
        Files.writeString(study.resolve("transcripts.jsonl"), transcripts);
        TranscriptExport export = TranscriptExport.read(study.resolve("transcripts.jsonl"));
        LinkedHashSet<String> runs = new LinkedHashSet<>();
        export.messages().forEach(m -> runs.add(m.runId()));
        Rescorer.Result live = Rescorer.rescore(export, TextScorer.loadBundled(), runs, LANGUAGES, "primary", 0);
        Files.writeString(study.resolve("agent-runs.csv"), "# backfire-lab agent-runs export; study s1\n"
                + AgentRunCsv.toCsv(live.agentRuns()));
        ObjectNode results = JSON.createObjectNode();
        results.put("studyId", "s1").put("lockHash", "lock-abc").put("synthetic", true)
                .put("scorerVersion", TextScorer.SCORER_VERSION).put("lexiconVersions", "en-1.0.0,ja-1.0.0");
        results.setAll((ObjectNode) ResultsJson.toTree(StudyAnalyzer.analyze(live.agentRuns(),
                AnalysisOptions.defaults().withPermutations(0).withPdiOverrides(Map.of()))));
        Files.writeString(study.resolve("results.json"), results.toPrettyString());
        return study;
    }
}
