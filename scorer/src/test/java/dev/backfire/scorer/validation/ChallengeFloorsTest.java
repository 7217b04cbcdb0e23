package dev.backfire.scorer.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backfire.scorer.TextScorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scorer's precision and recall on the hand-labelled challenge sentences hold the floors of
 * {@link Floors} in every language.
 */
class ChallengeFloorsTest {
    @Test
    void everyLanguageHoldsTheChallengeFloors() {
        TextScorer scorer = TextScorer.loadBundled();
        Map<String, List<Validator.Labelled>> sets = ChallengeSet.loadBundled();
        assertEquals(scorer.languages(), sets.keySet());
        Report report = ChallengeSet.validate(scorer, sets, sets.keySet());
        assertEquals(List.of(), Floors.challenge().failures(report));
    }
}
