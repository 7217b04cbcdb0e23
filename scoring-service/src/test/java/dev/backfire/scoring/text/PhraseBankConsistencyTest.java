package dev.backfire.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the scoring lexicons and the synthetic model's phrase banks (agent-service) consistent: every
 * category sentence the synthetic model can say must be counted by the scorer as exactly one hit of its
 * category and nothing else, and its neutral filler as nothing. Only then are the synthetic model's
 * intended hits a ground truth the scorer can be validated against.
 *
 * <p>Reads the bank files from the sibling module's sources, so it runs in a full checkout and is
 * skipped (not failed) when scoring-service is built on its own.
 */
class PhraseBankConsistencyTest {
    private static final Path BANKS = Path.of("..", "agent-service", "src", "main", "resources", "synthetic");
    private static final String PROTECTIVE_PREFIX = TextScorer.PROTECTIVE + ".";
    private static final TextScorer SCORER = TextScorer.loadBundled();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyCategorySentenceScoresExactlyOneHitOfItsCategory() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode bank : banks()) {
            String language = bank.get("language").asText();
            for (Map.Entry<String, JsonNode> category : bank.get("phrases").properties()) {
                for (JsonNode node : category.getValue()) {
                    String sentence = node.asText();
                    Map<String, Integer> expected = zeros(language);
                    expected.put(category.getKey(), 1);
                    if (category.getKey().startsWith(PROTECTIVE_PREFIX)) {
                        expected.put(TextScorer.PROTECTIVE, 1);
                    }
                    Map<String, Integer> actual = SCORER.score(language, sentence).hits();
                    if (!expected.equals(actual)) {
                        problems.add(language + " " + category.getKey() + ": '" + sentence + "' scored "
                                + nonZero(actual) + ", tokens " + SCORER.tokens(language, sentence));
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "no category sentences found");
        assertEquals(List.of(), problems);
    }

    @Test
    void neutralSentencesScoreNoHits() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode bank : banks()) {
            String language = bank.get("language").asText();
            for (Map.Entry<String, JsonNode> channel : bank.get("neutral").properties()) {
                for (Map.Entry<String, JsonNode> phase : channel.getValue().properties()) {
                    for (JsonNode node : phase.getValue()) {
                        TextScore score = SCORER.score(language, node.asText());
                        if (!score.hits().equals(zeros(language))) {
                            problems.add(language + " neutral." + channel.getKey() + "." + phase.getKey() + ": '"
                                    + node.asText() + "' scored " + nonZero(score.hits()));
                        }
                        assertTrue(score.words() > 0, node.asText());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 0, "no neutral sentences found");
        assertEquals(List.of(), problems);
    }

    @Test
    void banksNameTheLexiconVersionTheyWereCheckedAgainst() throws IOException {
        for (JsonNode bank : banks()) {
            String language = bank.get("language").asText();
            assertEquals(SCORER.lexiconVersion(language), bank.get("lexiconVersion").asText(),
                    "phrase bank " + language + " was written for another lexicon version");
        }
    }

    private static List<JsonNode> banks() throws IOException {
        assumeTrue(Files.isDirectory(BANKS), "agent-service phrase banks not found at " + BANKS.toAbsolutePath());
        List<JsonNode> banks = new ArrayList<>();
        try (Stream<Path> files = Files.list(BANKS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                banks.add(YAML.readTree(file.toFile()));
            }
        }
        assertFalse(banks.isEmpty(), "no phrase banks in " + BANKS.toAbsolutePath());
        return banks;
    }

    private static Map<String, Integer> zeros(String language) {
        Map<String, Integer> zeros = new TreeMap<>();
        SCORER.score(language, "").hits().keySet().forEach(category -> zeros.put(category, 0));
        return zeros;
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> hits) {
        Map<String, Integer> nonZero = new TreeMap<>();
        hits.forEach((category, count) -> {
            if (count > 0) {
                nonZero.put(category, count);
            }
        });
        return nonZero;
    }
}
