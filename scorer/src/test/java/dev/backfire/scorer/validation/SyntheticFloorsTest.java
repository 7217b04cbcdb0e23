package dev.backfire.scorer.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.scorer.TextScorer;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scorer's precision and recall against the synthetic model's intended hits hold the floors of
 * {@link Floors} for every language and category (SYNTHETIC ground truth).
 */
class SyntheticFloorsTest {
    static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    static final TextScorer SCORER = TextScorer.loadBundled();
    /** Enough messages for every category of every language to reach {@link Floors#MIN_SYNTHETIC_SUPPORT}. */
    static final int MESSAGES = 600;
    static final long SEED = 20260304L;

    static Report report(TextScorer scorer) {
        List<Validator.Labelled> corpus = new ArrayList<>();
        for (String language : GENERATOR.languages()) {
            corpus.addAll(SyntheticCorpus.of(GENERATOR, language, MESSAGES, SEED));
        }
        return Validator.validate(scorer, corpus, SyntheticCorpus.GROUND_TRUTH);
    }

    @Test
    void everyLanguageAndCategoryHoldsTheSyntheticFloors() {
        Report report = report(SCORER);
        assertEquals(16, report.languages().size(), report.languages().toString());
        assertEquals(List.of(), Floors.synthetic().failures(report));
    }
}
