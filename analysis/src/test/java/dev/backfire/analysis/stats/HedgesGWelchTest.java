package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Hedges' g and Welch's t-test against R (section 1 of {@code src/test/resources/edge-cases/edge-cases.R};
 * output in {@code edge-cases.out}). Tolerance {@value #TOLERANCE} absolute, p-values included.
 */
class HedgesGWelchTest {

    static final double TOLERANCE = 1e-9;
    static final double[] A = {1.2, 2.5, 3.1, 0.4};
    static final double[] B = {-0.3, 0.8, 0.1};

    @Test
    void hedgesGMatchesR() {
        HedgesG g = HedgesG.compute(A, B);
        assertEquals(0.840748682459689, g.j(), TOLERANCE);
        assertEquals(1.32934038817914, g.g(), TOLERANCE);
        assertEquals(0.842352680392878, g.se(), TOLERANCE);
        assertEquals(-0.32164054069441, g.ciLow(), TOLERANCE);
        assertEquals(2.98032131705268, g.ciHigh(), TOLERANCE);
        assertEquals(4, g.nA());
        assertEquals(3, g.nB());
    }

    @Test
    void welchMatchesRtTest() {
        WelchTest w = WelchTest.compute(A, B);
        assertEquals(2.31342092501702, w.t(), TOLERANCE);
        assertEquals(4.38202904718838, w.df(), TOLERANCE);
        assertEquals(0.0759921864795441, w.p(), TOLERANCE);
    }

    @Test
    void swappingGroupsFlipsSigns() {
        assertEquals(-HedgesG.compute(A, B).g(), HedgesG.compute(B, A).g(), TOLERANCE);
        assertEquals(-WelchTest.compute(A, B).t(), WelchTest.compute(B, A).t(), TOLERANCE);
    }

    @Test
    void correctionFactorForLargeDfDoesNotOverflow() {
        // J(df) ~ 1 - 3 / (4 df - 1) (Hedges 1981); at df = 10000 the two agree to about 1e-8.
        assertEquals(1 - 3.0 / (4 * 10_000 - 1), HedgesG.correctionFactor(10_000), 1e-8);
    }

    @Test
    void undefinedCasesThrowUndefinedStatistic() {
        assertThrows(UndefinedStatisticException.class, () -> HedgesG.compute(new double[] {1}, B));
        assertThrows(UndefinedStatisticException.class, () -> HedgesG.compute(new double[] {2, 2}, new double[] {1, 1}));
        assertThrows(UndefinedStatisticException.class, () -> WelchTest.compute(new double[] {2, 2}, new double[] {1, 1}));
        assertThrows(UndefinedStatisticException.class, () -> WelchTest.compute(A, new double[] {1}));
        assertThrows(UndefinedStatisticException.class, () -> HedgesG.correctionFactor(1));
    }

    @Test
    void welchWithOneConstantGroupIsDefined() {
        WelchTest w = WelchTest.compute(A, new double[] {0, 0, 0});
        // Only group A varies: df = nA - 1 exactly and t = mean(A) / sqrt(var(A) / nA).
        assertEquals(3.0, w.df(), TOLERANCE);
    }
}
