package dev.backfire.analysis.stats;

import java.util.Objects;
import java.util.Random;

/**
 * Seeded two-sided permutation test of a two-group contrast, with Hedges' g as the statistic
 * (beyond the papers; ANALYSIS.md issue 6).
 *
 * <p>The group labels of the pooled {@code a} and {@code b} values are shuffled {@code B} times
 * (Fisher-Yates with {@link java.util.Random} seeded by the caller, so results are reproducible on any
 * JVM); {@code p = (1 + #{|g*| >= |g|}) / (B + 1)}, which is never 0. A permutation whose g is undefined
 * (both shuffled groups constant) counts as at least as extreme, which keeps the test conservative.
 * |g*| is compared with |g| up to a relative tolerance {@link #TIE_TOLERANCE}, so the identity
 * permutation and exact ties always count despite rounding.
 *
 * <p>Stateless and thread-safe.
 */
public final class PermutationTest {

    /** Relative tolerance under which |g*| counts as equal to the observed |g|. */
    public static final double TIE_TOLERANCE = 1e-9;

    private PermutationTest() {
    }

    /**
     * Permutation p-value of Hedges' g of {@code a} against {@code b}.
     *
     * <p><em>Preconditions:</em> the observed g is defined (see {@link HedgesG#compute}),
     * {@code permutations >= 1}.
     *
     * @param a            group A
     * @param b            group B
     * @param permutations B, the number of random relabellings
     * @param seed         seed of the random generator
     * @return the permutation p-value in {@code [1/(B+1), 1]}
     * @throws IllegalArgumentException if an argument is null or {@code permutations < 1}
     * @throws UndefinedStatisticException if the observed g is undefined
     */
    public static double pValue(double[] a, double[] b, int permutations, long seed) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
        }
        double observed = Math.abs(HedgesG.compute(a, b).g());
        double threshold = observed * (1 - TIE_TOLERANCE);
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double[] shuffledA = new double[a.length];
        double[] shuffledB = new double[b.length];
        Random random = new Random(seed);
        int extreme = 0;
        for (int draw = 0; draw < permutations; draw++) {
            for (int i = pooled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double swap = pooled[i];
                pooled[i] = pooled[j];
                pooled[j] = swap;
            }
            System.arraycopy(pooled, 0, shuffledA, 0, a.length);
            System.arraycopy(pooled, a.length, shuffledB, 0, b.length);
            double g;
            try {
                g = Math.abs(HedgesG.compute(shuffledA, shuffledB).g());
            } catch (UndefinedStatisticException undefined) {
                g = Double.POSITIVE_INFINITY;
            }
            if (g >= threshold) {
                extreme++;
            }
        }
        return (1.0 + extreme) / (permutations + 1.0);
    }
}
