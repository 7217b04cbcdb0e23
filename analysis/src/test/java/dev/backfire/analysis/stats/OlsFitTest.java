package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OLS against R's {@code summary(lm(y ~ x * lang_f))} (section 4 of
 * {@code src/test/resources/edge-cases/edge-cases.R}). Tolerance {@value #TOLERANCE}.
 */
class OlsFitTest {

    static final double TOLERANCE = 1e-9;

    @Test
    void interactionModelMatchesLm() {
        double[][] x = RemlRandomInterceptTest.interiorDesign(true, null);
        OlsFit fit = OlsFit.fit(RemlRandomInterceptTest.INTERIOR_Y, x,
                List.of("(Intercept)", "x", "ja", "ko", "x:ja", "x:ko"));
        double[] estimate = {3.32300000000000, -2.29100000000000, -2.53032608695652, -3.42795652173913,
            2.80913043478261, 3.39478260869565};
        double[] se = {0.476378841236753, 0.673701418104596, 0.673701418104596, 0.673701418104596,
            0.952757682473507, 0.952757682473507};
        double[] t = {6.97554070909820, -3.40061626476243, -3.75585685135618, -5.08824299551485,
            2.94842065979429, 3.56311229092614};
        double[] p = {9.47753382471220e-08, 1.92047979841433e-03, 7.43443832084987e-04, 1.81580098054504e-05,
            6.13396241651324e-03, 1.24840662207639e-03};
        for (int j = 0; j < estimate.length; j++) {
            Coefficient c = fit.coefficients().get(j);
            assertEquals(estimate[j], c.estimate(), TOLERANCE, c.term());
            assertEquals(se[j], c.se(), TOLERANCE, c.term());
            assertEquals(t[j], c.t(), 1e-8, c.term());
            assertEquals(p[j], c.p(), TOLERANCE, c.term());
        }
        assertEquals(30, fit.residualDf());
    }

    @Test
    void aliasedColumnIsReportedAsNullLikeRsNa() {
        double[] y = {1, 2, 4, 3};
        double[][] x = {{1, 0, 0}, {1, 1, 2}, {1, 2, 4}, {1, 3, 6}};
        OlsFit fit = OlsFit.fit(y, x, List.of("(Intercept)", "a", "b"));
        assertNull(fit.coefficients().get(2).estimate());
        // Without the aliased column: y ~ a has slope Sxy / Sxx = 4 / 5 (hand computation).
        assertEquals(0.8, fit.coefficients().get(1).estimate(), TOLERANCE);
        assertEquals(2, fit.residualDf());
    }

    @Test
    void slopeNeedsTwoLevels() {
        assertEquals(2.0, OlsFit.slope(new double[] {0, 1, 2}, new double[] {1, 3, 5}), TOLERANCE);
        assertThrows(UndefinedStatisticException.class, () -> OlsFit.slope(new double[] {1, 1}, new double[] {1, 2}));
    }
}
