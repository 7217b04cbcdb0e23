package dev.backfire.analysis.stats;

import java.util.Objects;

/**
 * Pearson correlation with its t test, two-sided (as R's {@code cor.test(x, y)}):
 * {@code t = r sqrt(df / (1 - r^2))}, {@code df = n - 2}.
 *
 * @param r  the correlation coefficient
 * @param t  the t statistic; {@code null} when {@code |r| = 1} (t is infinite and p is reported as 0)
 * @param df {@code n - 2}
 * @param p  two-sided p-value
 * @param n  number of pairs
 */
public record PearsonTest(double r, Double t, int df, double p, int n) {

    /** Minimum number of pairs for the t test (df = n - 2 must be positive). */
    public static final int MIN_PAIRS = 3;

    /**
     * Correlates {@code x} with {@code y}.
     *
     * <p><em>Preconditions:</em> equal lengths, at least {@value #MIN_PAIRS} pairs, neither variable
     * constant.
     *
     * @param x first variable (here: per-language CPI g)
     * @param y second variable (here: Power Distance Index)
     * @return r, t, df, p and n
     * @throws IllegalArgumentException if an argument is null or the lengths differ
     * @throws UndefinedStatisticException if there are fewer than 3 pairs or a variable is constant
     */
    public static PearsonTest compute(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = x.length;
        if (n < MIN_PAIRS) {
            throw new UndefinedStatisticException("correlation test needs at least " + MIN_PAIRS
                    + " languages, got " + n);
        }
        double mx = Descriptives.mean(x);
        double my = Descriptives.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (!(sxx > 0) || !(syy > 0)) {
            throw new UndefinedStatisticException("correlation undefined: a variable is constant");
        }
        double r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
        int df = n - 2;
        if (Math.abs(r) == 1) {
            return new PearsonTest(r, null, df, 0, n);
        }
        double t = r * Math.sqrt(df / (1 - r * r));
        return new PearsonTest(r, t, df, WelchTest.twoSidedP(t, df), n);
    }
}
