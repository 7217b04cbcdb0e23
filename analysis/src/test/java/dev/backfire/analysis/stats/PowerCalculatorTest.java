package dev.backfire.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Power of the two-sided two-sample t-test against R's {@code power.t.test(..., strict = TRUE)}
 * (section 6 of {@code src/test/resources/edge-cases/edge-cases.R}). Tolerance {@value #TOLERANCE}.
 */
class PowerCalculatorTest {

    static final double TOLERANCE = 1e-7;

    @Test
    void powerMatchesR() {
        assertEquals(0.607818501268388, PowerCalculator.power(1.2, 8, 0.05), TOLERANCE);
        assertEquals(0.0596183667910511, PowerCalculator.power(0.3, 3, 0.05), TOLERANCE);
        assertEquals(PowerCalculator.power(1.2, 8, 0.05), PowerCalculator.power(-1.2, 8, 0.05), 1e-12);
    }

    @Test
    void runsPerCellIsTheCeilingOfRsSolution() {
        // R: n = 25.5245680497982 and 14.9795926189889.
        assertEquals(26, PowerCalculator.runsPerCell(0.8, 0.8, 0.05));
        assertEquals(15, PowerCalculator.runsPerCell(1.5, 0.9, 0.01));
    }

    @Test
    void answerIsMinimal() {
        int n = PowerCalculator.runsPerCell(0.5, 0.8, 0.05);
        assertTrue(PowerCalculator.power(0.5, n, 0.05) >= 0.8);
        assertTrue(PowerCalculator.power(0.5, n - 1, 0.05) < 0.8);
        assertEquals(2, PowerCalculator.runsPerCell(20, 0.8, 0.05));
    }

    @Test
    void invalidArgumentsThrow() {
        assertThrows(IllegalArgumentException.class, () -> PowerCalculator.runsPerCell(0, 0.8, 0.05));
        assertThrows(IllegalArgumentException.class, () -> PowerCalculator.runsPerCell(0.5, 1.0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> PowerCalculator.power(0.5, 1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> PowerCalculator.power(0.5, 10, 0));
    }
}
