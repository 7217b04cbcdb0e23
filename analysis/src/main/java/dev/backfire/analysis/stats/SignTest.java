package dev.backfire.analysis.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact two-sided binomial sign test against 0.5 (as R's {@code binom.test(k, n, 0.5)}): the p-value
 * sums the probabilities of all outcomes no more likely than the observed one, with R's relative
 * tolerance {@link #RELATIVE_TIE_TOLERANCE} for ties.
 *
 * @param positive number of successes (here: languages with CPI g &gt; 0)
 * @param n        number of trials (languages with a defined g)
 * @param p        two-sided p-value
 */
public record SignTest(int positive, int n, double p) {

    /** R's {@code binom.test} relative tolerance when comparing outcome probabilities. */
    public static final double RELATIVE_TIE_TOLERANCE = 1e-7;

    /** The null success probability of a sign test. */
    public static final double NULL_PROBABILITY = 0.5;

    /**
     * Runs the test.
     *
     * <p><em>Preconditions:</em> {@code 0 <= positive <= n}, {@code n >= 1}.
     *
     * @param positive successes
     * @param n        trials
     * @return the test result
     * @throws IllegalArgumentException if {@code positive} is outside {@code [0, n]}
     * @throws UndefinedStatisticException if {@code n == 0}
     */
    public static SignTest compute(int positive, int n) {
        if (n == 0) {
            throw new UndefinedStatisticException("sign test over no languages");
        }
        if (positive < 0 || positive > n) {
            throw new IllegalArgumentException("positive must be in [0, " + n + "], got " + positive);
        }
        BinomialDistribution binomial = new BinomialDistribution(null, n, NULL_PROBABILITY);
        double observed = binomial.probability(positive) * (1 + RELATIVE_TIE_TOLERANCE);
        double p = 0;
        for (int k = 0; k <= n; k++) {
            double pk = binomial.probability(k);
            if (pk <= observed) {
                p += pk;
            }
        }
        return new SignTest(positive, n, Math.min(1.0, p));
    }
}
