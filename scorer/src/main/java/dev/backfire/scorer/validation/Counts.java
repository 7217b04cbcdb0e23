package dev.backfire.scorer.validation;

/**
 * Count-level agreement of the scorer with a ground truth, for one language and category, summed over
 * messages (micro-averaged). Per message, with {@code found} hits and {@code intended} hits of the
 * category: {@code TP = min(found, intended)}, {@code FP = found - TP}, {@code FN = intended - TP}.
 * Counting, not matching spans: the measures (CPI, DI) only ever see counts, so a count that is right is
 * right for them.
 *
 * @param truePositives hits found that the ground truth has
 * @param falsePositives hits found beyond the ground truth
 * @param falseNegatives hits of the ground truth not found
 */
public record Counts(long truePositives, long falsePositives, long falseNegatives) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must be >= 0: " + truePositives + ", " + falsePositives
                    + ", " + falseNegatives);
        }
    }

    /** The counts of one message. */
    public static Counts of(int found, int intended) {
        if (found < 0 || intended < 0) {
            throw new IllegalArgumentException("found and intended must be >= 0: " + found + ", " + intended);
        }
        int tp = Math.min(found, intended);
        return new Counts(tp, found - tp, intended - tp);
    }

    public Counts plus(Counts other) {
        return new Counts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    /** Hits the ground truth has: TP + FN. */
    public long support() {
        return truePositives + falseNegatives;
    }

    /** Hits the scorer found: TP + FP. */
    public long found() {
        return truePositives + falsePositives;
    }

    /** TP / (TP + FP); NaN when nothing was found (undefined, not perfect). */
    public double precision() {
        return found() == 0 ? Double.NaN : (double) truePositives / found();
    }

    /** TP / (TP + FN); NaN when the ground truth has no hit (undefined, not perfect). */
    public double recall() {
        return support() == 0 ? Double.NaN : (double) truePositives / support();
    }
}
