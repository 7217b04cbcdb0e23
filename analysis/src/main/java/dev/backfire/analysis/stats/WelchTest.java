package dev.backfire.analysis.stats;

import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance two-sample t-test, two-sided (as R's {@code t.test(a, b)}).
 *
 * <p>{@code t = (mean_A - mean_B) / sqrt(varA/nA + varB/nB)}, Welch-Satterthwaite df, and
 * {@code p = 2 P(T_df <= -|t|)}.
 *
 * @param t  the t statistic (positive when A has the larger mean)
 * @param df Welch-Satterthwaite degrees of freedom
 * @param p  two-sided p-value
 */
public record WelchTest(double t, double df, double p) {

    /**
     * Runs the test.
     *
     * <p><em>Preconditions:</em> both groups have at least 2 values and not both variances are 0.
     *
     * @param a group A
     * @param b group B
     * @return t, df and p
     * @throws IllegalArgumentException if an argument is null
     * @throws UndefinedStatisticException if a group has fewer than 2 values or both groups have zero variance
     */
    public static WelchTest compute(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length < 2 || b.length < 2) {
            throw new UndefinedStatisticException("Welch's t-test needs at least 2 runs per group, got "
                    + a.length + " and " + b.length);
        }
        double va = Descriptives.sampleVariance(a) / a.length;
        double vb = Descriptives.sampleVariance(b) / b.length;
        double se2 = va + vb;
        if (!(se2 > 0)) {
            throw new UndefinedStatisticException("Welch's t-test undefined: zero variance in both groups");
        }
        double t = (Descriptives.mean(a) - Descriptives.mean(b)) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new WelchTest(t, df, twoSidedP(t, df));
    }

    /**
     * Two-sided p-value of a t statistic: {@code 2 P(T_df <= -|t|)}, capped at 1.
     *
     * @param t  the statistic, finite
     * @param df degrees of freedom, positive
     * @return the p-value in [0, 1]
     * @throws IllegalArgumentException if {@code df <= 0} or {@code t} is not finite
     */
    public static double twoSidedP(double t, double df) {
        if (!(df > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("need finite t and df > 0, got t=" + t + ", df=" + df);
        }
        return Math.min(1.0, 2.0 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t)));
    }
}
