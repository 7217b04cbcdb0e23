package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The seeded permutation test. The reference is the exact permutation p-value obtained by enumerating
 * every split of the pooled values (computed independently in the test, not by the class); with
 * {@value #DRAWS} random permutations the Monte Carlo p must lie within {@value #MONTE_CARLO_TOLERANCE}
 * of it (more than 5 standard errors).
 */
class PermutationTestTest {

    static final int DRAWS = 20_000;
    static final double MONTE_CARLO_TOLERANCE = 0.02;
    static final double[] A = {1.2, 2.5, 3.1, 0.4};
    static final double[] B = {-0.3, 0.8, 0.1};

    @Test
    void approximatesTheExactPermutationPValue() {
        double exact = exactP(A, B);
        assertEquals(exact, PermutationTest.pValue(A, B, DRAWS, 1L), MONTE_CARLO_TOLERANCE);
    }

    @Test
    void sameSeedSameAnswer() {
        assertEquals(PermutationTest.pValue(A, B, 500, 42L), PermutationTest.pValue(A, B, 500, 42L), 0.0);
    }

    @Test
    void completeSeparationGivesTheSmallestPossibleValues() {
        double[] high = {10, 11, 12, 13, 14, 15, 16, 17};
        double[] low = {0, 1, 2, 3, 4, 5, 6, 7};
        // Exact two-sided p = 2 / choose(16, 8) = 1.55e-4, so nearly every draw is less extreme.
        double p = PermutationTest.pValue(high, low, 999, 7L);
        assertEquals(0.001, p, 0.0015);
    }

    @Test
    void invalidInputThrows() {
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.pValue(A, B, 0, 1L));
        assertThrows(UndefinedStatisticException.class,
                () -> PermutationTest.pValue(new double[] {1, 1}, new double[] {2, 2}, 10, 1L));
    }

    /** Exact p: share of all C(n, nA) splits whose |mean difference / pooled sd| reaches the observed one. */
    private static double exactP(double[] a, double[] b) {
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double observed = Math.abs(standardisedDifference(a, b));
        int n = pooled.length;
        int extreme = 0;
        int total = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != a.length) {
                continue;
            }
            double[] first = new double[a.length];
            double[] second = new double[b.length];
            int i = 0;
            int j = 0;
            for (int k = 0; k < n; k++) {
                if ((mask & 1 << k) != 0) {
                    first[i++] = pooled[k];
                } else {
                    second[j++] = pooled[k];
                }
            }
            total++;
            if (Math.abs(standardisedDifference(first, second)) >= observed * (1 - 1e-9)) {
                extreme++;
            }
        }
        return (double) extreme / total;
    }

    private static double standardisedDifference(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (double v : a) {
            ma += v / a.length;
        }
        for (double v : b) {
            mb += v / b.length;
        }
        double ss = 0;
        for (double v : a) {
            ss += (v - ma) * (v - ma);
        }
        for (double v : b) {
            ss += (v - mb) * (v - mb);
        }
        return (ma - mb) / Math.sqrt(ss / (a.length + b.length - 2));
    }
}
