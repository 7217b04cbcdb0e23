package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holm, Pearson and the sign test against R (section 5 of {@code src/test/resources/edge-cases/edge-cases.R}:
 * {@code p.adjust}, {@code cor.test}, {@code binom.test}). Tolerance {@value #TOLERANCE}.
 */
class SmallTestsTest {

    static final double TOLERANCE = 1e-12;

    @Test
    void holmMatchesPAdjust() {
        assertEquals(List.of(0.03, 0.06, 0.06, 0.02), rounded(Holm.adjust(List.of(0.01, 0.04, 0.03, 0.005))));
    }

    @Test
    void holmPassesNullsThroughAndExcludesThemFromTheFamily() {
        List<Double> adjusted = Holm.adjust(Arrays.asList(0.01, null, 0.04));
        assertEquals(0.02, adjusted.get(0), TOLERANCE);
        assertNull(adjusted.get(1));
        assertEquals(0.04, adjusted.get(2), TOLERANCE);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(List.of(1.5)));
    }

    @Test
    void pearsonMatchesCorTest() {
        PearsonTest test = PearsonTest.compute(new double[] {0.5, -1.2, 2.1, 0.9, 1.4}, new double[] {40, 35, 80, 54, 60});
        assertEquals(0.901753690900023, test.r(), TOLERANCE);
        assertEquals(3.61337720184448, test.t(), 1e-10);
        assertEquals(0.0364168450328556, test.p(), 1e-10);
        assertEquals(3, test.df());
    }

    @Test
    void pearsonUndefinedCases() {
        assertThrows(UndefinedStatisticException.class, () -> PearsonTest.compute(new double[] {1, 2}, new double[] {3, 4}));
        assertThrows(UndefinedStatisticException.class,
                () -> PearsonTest.compute(new double[] {1, 2, 3}, new double[] {5, 5, 5}));
        PearsonTest perfect = PearsonTest.compute(new double[] {1, 2, 3}, new double[] {2, 4, 6});
        assertNull(perfect.t());
        assertEquals(0.0, perfect.p(), 0.0);
    }

    @Test
    void signTestMatchesBinomTest() {
        assertEquals(0.1796875, SignTest.compute(7, 9).p(), TOLERANCE);
        assertEquals(0.0625, SignTest.compute(0, 5).p(), TOLERANCE);
        assertEquals(0.34375, SignTest.compute(3, 10).p(), TOLERANCE);
        assertEquals(1.0, SignTest.compute(2, 4).p(), TOLERANCE);
        assertThrows(UndefinedStatisticException.class, () -> SignTest.compute(0, 0));
        assertThrows(IllegalArgumentException.class, () -> SignTest.compute(5, 4));
    }

    private static List<Double> rounded(List<Double> values) {
        return values.stream().map(v -> Math.round(v * 1e12) / 1e12).toList();
    }
}
