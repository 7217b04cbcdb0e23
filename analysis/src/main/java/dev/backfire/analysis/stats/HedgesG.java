package dev.backfire.analysis.stats;

import java.util.Objects;
import org.apache.commons.math3.special.Gamma;

/**
 * Hedges' g for two independent groups with its large-sample standard error and 95% interval
 * (ANALYSIS.md section 3.1).
 *
 * <p>{@code d = (mean_A - mean_B) / s_pooled} with {@code s_pooled^2 = ((nA-1) varA + (nB-1) varB) / df},
 * {@code df = nA + nB - 2}; the small-sample correction is the exact
 * {@code J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))}, evaluated through log-gamma so it does not
 * overflow; {@code g = J d}; {@code se = sqrt((nA+nB)/(nA nB) + g^2 / (2 (nA+nB)))};
 * the interval is {@code g -/+ Z_975 se}. Positive g means group A has the larger mean.
 *
 * @param g        Hedges' g
 * @param d        Cohen's d (uncorrected)
 * @param j        the correction factor J
 * @param se       standard error of g
 * @param ciLow    lower 95% bound
 * @param ciHigh   upper 95% bound
 * @param nA       size of group A
 * @param nB       size of group B
 * @param meanA    mean of group A
 * @param meanB    mean of group B
 */
public record HedgesG(double g, double d, double j, double se, double ciLow, double ciHigh,
                      int nA, int nB, double meanA, double meanB) {

    /** The 97.5% standard normal quantile, to the 7 digits ANALYSIS.md fixes. */
    public static final double Z_975 = 1.959964;

    /** Smallest group size for which a sample variance exists. */
    public static final int MIN_GROUP_SIZE = 2;

    /**
     * Computes Hedges' g of {@code a} against {@code b}.
     *
     * <p><em>Preconditions:</em> both groups have at least {@value #MIN_GROUP_SIZE} values and the
     * pooled standard deviation is positive.
     *
     * @param a group A (in this project: runs at alignment ratio 1.0)
     * @param b group B (ratio 0.0)
     * @return g with se, CI and the group summaries
     * @throws IllegalArgumentException if an argument is null
     * @throws UndefinedStatisticException if a group has fewer than 2 values or the pooled sd is 0
     */
    public static HedgesG compute(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length < MIN_GROUP_SIZE || b.length < MIN_GROUP_SIZE) {
            throw new UndefinedStatisticException("Hedges' g needs at least " + MIN_GROUP_SIZE
                    + " runs per group, got " + a.length + " and " + b.length);
        }
        int nA = a.length;
        int nB = b.length;
        int df = nA + nB - 2;
        double pooledVar = ((nA - 1) * Descriptives.sampleVariance(a)
                + (nB - 1) * Descriptives.sampleVariance(b)) / df;
        if (!(pooledVar > 0)) {
            throw new UndefinedStatisticException("zero pooled standard deviation (all values equal within groups)");
        }
        double meanA = Descriptives.mean(a);
        double meanB = Descriptives.mean(b);
        double d = (meanA - meanB) / Math.sqrt(pooledVar);
        double j = correctionFactor(df);
        double g = j * d;
        double se = Math.sqrt((double) (nA + nB) / ((double) nA * nB) + g * g / (2.0 * (nA + nB)));
        return new HedgesG(g, d, j, se, g - Z_975 * se, g + Z_975 * se, nA, nB, meanA, meanB);
    }

    /**
     * The exact small-sample correction {@code J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))}.
     *
     * @param df degrees of freedom, {@code nA + nB - 2}
     * @return J, in (0, 1)
     * @throws UndefinedStatisticException if {@code df < 2} (J needs {@code (df-1)/2 > 0})
     */
    public static double correctionFactor(int df) {
        if (df < 2) {
            throw new UndefinedStatisticException("Hedges' J needs df >= 2, got " + df);
        }
        double half = df / 2.0;
        return Math.exp(Gamma.logGamma(half) - 0.5 * Math.log(half) - Gamma.logGamma((df - 1) / 2.0));
    }
}
