package dev.backfire.scorer.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.scorer.TextScorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floors can fail: a scorer with a broken analyzer or lexicon falls below them, in the language and
 * category that was broken, on both the synthetic corpus and the hand-labelled sentences.
 */
class BrokenScorerTest {
    @TempDir
    Path dir;

    @Test
    void thaiWithoutWordSegmentationFallsBelowTheRecallFloor() throws IOException {
        // UAX#29 does not segment Thai: a whole space-free run becomes one token, so multi-word terms
        // inside a run never match.
        writeBundled("th", text -> text.replaceFirst("(?m)^analyzer: thai$", "analyzer: standard"));
        List<String> failures = failures(TextScorer.loadBundledWithOverrides(dir), "th");
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("th ") && f.contains("recall")), failures.toString());
    }

    @Test
    void japaneseWithHalfItsHarmonyTermsRemovedFallsBelowTheRecallFloor() throws IOException {
        writeBundled("ja", text -> dropEveryOtherTerm(text, "protective.harmony"));
        List<String> failures = failures(TextScorer.loadBundledWithOverrides(dir), "ja");
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("ja protective.harmony: recall")), failures.toString());
        assertFalse(failures.stream().anyMatch(f -> f.startsWith("ja sexual")), failures.toString());
    }

    @Test
    void englishWithACommonWordAsAConformityTermFallsBelowThePrecisionFloor() throws IOException {
        writeBundled("en", text -> text.replaceFirst("(?m)^  conformity:$", "  conformity:\n    - the"));
        List<String> failures = failures(TextScorer.loadBundledWithOverrides(dir), "en");
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("en conformity: precision")), failures.toString());
        List<String> challenge = Floors.challenge().failures(ChallengeSet.validate(TextScorer.loadBundledWithOverrides(dir),
                ChallengeSet.loadBundled(), List.of("en")));
        assertTrue(challenge.stream().anyMatch(f -> f.startsWith("en all: precision")), challenge.toString());
    }

    @Test
    void germanWithoutStemmingFallsBelowTheChallengeRecallFloor() throws IOException {
        // The synthetic sentences use the lexicon's own forms; the hand-labelled ones use inflected forms,
        // which only the analyzer's normalization and stemming bring back to the terms.
        writeBundled("de", text -> text.replaceFirst("(?m)^analyzer: german$", "analyzer: standard"));
        List<String> challenge = Floors.challenge().failures(ChallengeSet.validate(TextScorer.loadBundledWithOverrides(dir),
                ChallengeSet.loadBundled(), List.of("de")));
        assertTrue(challenge.stream().anyMatch(f -> f.startsWith("de all: recall")), challenge.toString());
    }

    private static List<String> failures(TextScorer scorer, String language) {
        Report report = Validator.validate(scorer, SyntheticCorpus.of(SyntheticFloorsTest.GENERATOR, language,
                SyntheticFloorsTest.MESSAGES, SyntheticFloorsTest.SEED), SyntheticCorpus.GROUND_TRUTH);
        return Floors.synthetic().failures(report);
    }

    private void writeBundled(String language, java.util.function.UnaryOperator<String> change) throws IOException {
        String text;
        try (InputStream in = TextScorer.class.getClassLoader().getResourceAsStream("lexicons/" + language + ".yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = change.apply(text);
        assertFalse(changed.equals(text), "the change did not apply");
        Files.writeString(dir.resolve(language + ".yaml"), changed);
    }

    /** Removes every second term of a category (the terms are the "    - " lines under its header). */
    private static String dropEveryOtherTerm(String text, String category) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        int index = 0;
        Pattern header = Pattern.compile("^  [a-z.]+:$");
        for (String line : text.split("\n", -1)) {
            if (header.matcher(line).matches()) {
                inside = line.equals("  " + category + ":");
                index = 0;
            }
            if (inside && line.startsWith("    - ") && index++ % 2 == 1) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
