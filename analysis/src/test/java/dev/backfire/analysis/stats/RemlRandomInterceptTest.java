package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * REML random-intercept fits against lme4 (sections 2 and 3 of
 * {@code src/test/resources/edge-cases/edge-cases.R}: {@code lmer(..., REML = TRUE)}, bobyqa with
 * rhoend 1e-14). Tolerance {@value #TOLERANCE} absolute (ANALYSIS.md asks 1e-6).
 */
class RemlRandomInterceptTest {

    static final double TOLERANCE = 1e-7;

    /** Section 2: 6 runs x 3 agents whose run means barely differ, so lme4 returns a singular fit. */
    static final double[] BOUNDARY_Y = {0.9, -1.1, 0.3, -0.8, 1.2, -0.2, 0.1, 0.4, -0.4,
        2.2, 0.1, 1.6, 0.9, 2.4, 0.5, 1.8, 0.6, 1.3};

    @Test
    void boundaryFitHasZeroRunVarianceLikeLme4() {
        double[][] x = new double[18][];
        String[] group = new String[18];
        for (int i = 0; i < 18; i++) {
            int run = i / 3;
            x[i] = new double[] {1, run < 3 ? 0 : 1};
            group[i] = "r" + (run + 1);
        }
        RemlRandomIntercept fit = RemlRandomIntercept.fit(BOUNDARY_Y, x, group);
        assertTrue(fit.boundary());
        assertEquals(0.0, fit.runVariance(), 0.0);
        assertEquals(1.22222222222222, fit.beta()[1], TOLERANCE);
        assertEquals(0.0444444444444446, fit.beta()[0], TOLERANCE);
        assertEquals(0.365570752808047, fit.se()[1], TOLERANCE);
        assertEquals(0.601388888888889, fit.residualVariance(), TOLERANCE);
        assertEquals(41.6642664731002, fit.remlCriterion(), TOLERANCE);
        assertEquals(18, fit.observations());
        assertEquals(6, fit.groups());
    }

    /** Section 3: unbalanced runs (3-5 agents), intercept + ratio + two language dummies. */
    static final double[] INTERIOR_Y = {4.32, 2.487, 4.847, 2.374, 0.417, 1.989, 0.56, 0.351, 0.937, 1.24, 2.233,
        2.084, 1.076, 1.676, -1.018, 1.946, 0.858, 1.426, 1.265, 0.459, 1.166, 0.571, 2.161, 1.553, 0.22, -0.122,
        -0.264, 1.354, -0.749, 0.214, 0.671, 2.541, 0.623, 1.037, 0.011, 0.931};
    static final int[] INTERIOR_SIZES = {3, 4, 5, 3, 4, 5, 3, 4, 5};
    static final double[] INTERIOR_RATIOS = {0, 0.5, 1};

    /** Builds the section 3 design; {@code interaction} adds the x:ja and x:ko columns of the lm fit. */
    static double[][] interiorDesign(boolean interaction, String[] groupOut) {
        double[][] x = new double[INTERIOR_Y.length][];
        int i = 0;
        for (int run = 0; run < INTERIOR_SIZES.length; run++) {
            double ratio = INTERIOR_RATIOS[run % 3];
            double ja = run / 3 == 1 ? 1 : 0;
            double ko = run / 3 == 2 ? 1 : 0;
            for (int k = 0; k < INTERIOR_SIZES[run]; k++, i++) {
                x[i] = interaction ? new double[] {1, ratio, ja, ko, ratio * ja, ratio * ko}
                        : new double[] {1, ratio, ja, ko};
                if (groupOut != null) {
                    groupOut[i] = "s" + (run + 1);
                }
            }
        }
        return x;
    }

    @Test
    void interiorFitMatchesLme4() {
        String[] group = new String[INTERIOR_Y.length];
        RemlRandomIntercept fit = RemlRandomIntercept.fit(INTERIOR_Y, interiorDesign(false, group), group);
        assertTrue(!fit.boundary());
        assertArrayEquals(new double[] {2.285612528821989, -0.264956663521318, -1.091927202542892, -1.680819556094111},
                fit.beta(), TOLERANCE);
        assertEquals(0.80633793297576, fit.se()[1], TOLERANCE);
        assertEquals(0.767083382198536, fit.runVariance(), TOLERANCE);
        assertEquals(0.784236259525167, fit.residualVariance(), TOLERANCE);
        assertEquals(100.084987185726, fit.remlCriterion(), TOLERANCE);
        assertEquals(9, fit.groups());
    }

    @Test
    void preconditionsAreChecked() {
        double[] y = {1, 2, 3, 4};
        double[][] x = {{1, 0}, {1, 0}, {1, 1}, {1, 1}};
        assertThrows(UndefinedStatisticException.class,
                () -> RemlRandomIntercept.fit(y, x, new String[] {"a", "a", "a", "a"}), "one group");
        assertThrows(UndefinedStatisticException.class,
                () -> RemlRandomIntercept.fit(y, x, new String[] {"a", "b", "c", "d"}), "one agent per run");
        double[][] collinear = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        assertThrows(UndefinedStatisticException.class,
                () -> RemlRandomIntercept.fit(y, collinear, new String[] {"a", "a", "b", "b"}), "rank deficient");
        assertThrows(IllegalArgumentException.class,
                () -> RemlRandomIntercept.fit(y, x, new String[] {"a", "b"}), "length mismatch");
    }
}
