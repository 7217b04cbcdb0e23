package dev.backfire.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Keeps the scoring lexicons and the synthetic model's phrase banks (the synthetic-model module)
 * consistent: every category sentence the synthetic model can say must be counted by the scorer as
 * exactly one hit of its category and nothing else, and its neutral filler as nothing. Only then are the
 * synthetic model's intended hits a ground truth the scorer can be validated against.
 */
class PhraseBankConsistencyTest {
    private static final String PROTECTIVE_PREFIX = TextScorer.PROTECTIVE + ".";
    private static final TextScorer SCORER = TextScorer.loadBundled();
    private static final SyntheticGenerator BANKS = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());

    @Test
    void everyLanguageHasBothALexiconAndAPhraseBank() {
        assertFalse(BANKS.languages().isEmpty());
        assertEquals(SCORER.languages(), BANKS.languages());
    }

    @Test
    void everyCategorySentenceScoresExactlyOneHitOfItsCategory() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String language : BANKS.languages()) {
            for (Map.Entry<String, List<String>> category : BANKS.categorySentences(language).entrySet()) {
                for (String sentence : category.getValue()) {
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
    void neutralSentencesScoreNoHits() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String language : BANKS.languages()) {
            for (Map.Entry<String, List<String>> group : BANKS.neutralSentences(language).entrySet()) {
                for (String sentence : group.getValue()) {
                    TextScore score = SCORER.score(language, sentence);
                    if (!score.hits().equals(zeros(language))) {
                        problems.add(language + " neutral." + group.getKey() + ": '" + sentence + "' scored "
                                + nonZero(score.hits()));
                    }
                    assertTrue(score.words() > 0, sentence);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "no neutral sentences found");
        assertEquals(List.of(), problems);
    }

    @Test
    void banksNameTheLexiconVersionTheyWereCheckedAgainst() {
        for (String language : BANKS.languages()) {
            assertEquals(SCORER.lexiconVersion(language), BANKS.bankLexiconVersion(language),
                    "phrase bank " + language + " was written for another lexicon version");
        }
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
