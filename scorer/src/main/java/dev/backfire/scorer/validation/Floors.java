package dev.backfire.scorer.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lowest precision and recall the scorer may have, per ground truth, and the check against them.
 *
 * <p><b>Why these numbers.</b> The measures are z-scores of per-run sums of hits (ANALYSIS.md section 2),
 * so an error that scales every count of a language alike leaves them unchanged; what harms them is error
 * that differs between conditions, and noise. Both are bounded by bounding the error itself:
 * <ul>
 *   <li>{@link #SYNTHETIC_PRECISION} and {@link #SYNTHETIC_RECALL}, 0.98 per language and category. Every
 *   phrase-bank sentence scores exactly its one hit when scored alone (PhraseBankConsistencyTest), so
 *   what the synthetic corpus can still reveal is the scorer's behaviour in context: segmenters of
 *   scripts without spaces (Kuromoji, SmartCN, the Thai dictionary) decide word boundaries from the
 *   surrounding characters, and a term can be split differently, or a match can form across a sentence
 *   join. A 2% count error is an order of magnitude below the sampling noise of the counts it enters (an
 *   agent-run sums roughly 10 to 40 hits of a category, whose Poisson coefficient of variation is 16% to
 *   30%), so it can neither create nor hide an effect; more than that means a systematic fault at
 *   sentence joins, which the floor is there to catch.</li>
 *   <li>{@link #CHALLENGE_PRECISION} 0.90 and {@link #CHALLENGE_RECALL} 0.80 per language, micro-averaged
 *   over the categories, on the hand-labelled challenge sentences (inflected, conjugated, diacritic,
 *   width and case variants, and near misses; see {@link ChallengeSet}). Recall of 0.80 bounds how much a
 *   language's protective or sexual term in CPI can shrink between conditions to a fifth, which weakens
 *   an effect but cannot reverse its sign, the question the study asks; precision of 0.90 keeps spurious
 *   hits (which grow with text length and so leak into the monologue ratio's partner terms) to a tenth of
 *   what is counted. The sentences are few per category, so these floors apply to the language as a
 *   whole, not per category.</li>
 *   <li>{@link #MIN_SYNTHETIC_SUPPORT}: a category exercised by fewer intended hits than this has not been
 *   measured in enough contexts to say anything, so it fails rather than passes unmeasured (with fewer
 *   than 50, a single miss already falls below 0.98, so small support makes the check stricter, not
 *   weaker; the minimum is about coverage).</li>
 * </ul>
 */
public final class Floors {
    /** Lowest precision per language and category on the synthetic corpus. */
    public static final double SYNTHETIC_PRECISION = 0.98;
    /** Lowest recall per language and category on the synthetic corpus. */
    public static final double SYNTHETIC_RECALL = 0.98;
    /** Fewest intended hits per language and category for the synthetic floors to be checked. */
    public static final long MIN_SYNTHETIC_SUPPORT = 10;
    /** Lowest precision per language (all categories) on the hand-labelled challenge sentences. */
    public static final double CHALLENGE_PRECISION = 0.90;
    /** Lowest recall per language (all categories) on the hand-labelled challenge sentences. */
    public static final double CHALLENGE_RECALL = 0.80;

    private Floors() {
    }

    /** The floors of the synthetic corpus, per category. */
    public static Check synthetic() {
        return new Check(SYNTHETIC_PRECISION, SYNTHETIC_RECALL, MIN_SYNTHETIC_SUPPORT, Report.CATEGORIES);
    }

    /** The floors of the challenge sentences, per language over all categories. */
    public static Check challenge() {
        return new Check(CHALLENGE_PRECISION, CHALLENGE_RECALL, 1, List.of(Report.ALL));
    }

    /**
     * Floors to hold for each language on the given categories.
     *
     * @param minPrecision lowest precision
     * @param minRecall lowest recall
     * @param minSupport fewest intended hits for a cell to count as measured
     * @param categories the categories checked (or {@link Report#ALL})
     */
    public record Check(double minPrecision, double minRecall, long minSupport, List<String> categories) {
        /** Whether one cell holds the floors. */
        public boolean holds(Counts counts) {
            return counts.support() >= minSupport && !(counts.recall() < minRecall)
                    && !(counts.precision() < minPrecision) && counts.found() > 0;
        }

        /** Every cell of the report below a floor, as a sentence naming language, category and value. */
        public List<String> failures(Report report) {
            List<String> failures = new ArrayList<>();
            for (String language : report.languages()) {
                for (String category : categories) {
                    Counts c = report.of(language, category);
                    String cell = language + " " + category + ": ";
                    if (c.support() < minSupport) {
                        failures.add(cell + "only " + c.support() + " intended hits, fewer than the "
                                + minSupport + " needed to measure it (use more messages)");
                        continue;
                    }
                    if (c.found() == 0 || c.precision() < minPrecision) {
                        failures.add(cell + String.format(Locale.ROOT, "precision %s < %.2f (%d found, %d wrong)",
                                format(c.precision()), minPrecision, c.found(), c.falsePositives()));
                    }
                    if (c.recall() < minRecall) {
                        failures.add(cell + String.format(Locale.ROOT, "recall %.3f < %.2f (%d intended, %d missed)",
                                c.recall(), minRecall, c.support(), c.falseNegatives()));
                    }
                }
            }
            return failures;
        }

        private static String format(double value) {
            return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.3f", value);
        }
    }
}
