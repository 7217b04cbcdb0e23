package dev.backfire.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunningNormsTest {
    private static final double EPS = 1e-12;

    @Test
    void firstMessageAndConstantInputsScoreZero() {
        RunningNorms norms = new RunningNorms();
        RunningNorms.Provisional first = norms.addAndScore(0.3, 2, 1);
        assertEquals(0.0, first.cpi(), EPS);
        RunningNorms.Provisional second = norms.addAndScore(0.3, 2, 1);
        assertEquals(0.0, second.cpi(), EPS);
        assertEquals(0.0, second.di(), EPS);
    }

    @Test
    void scoresAgainstTheSampleSdOfAllMessagesSoFar() {
        // Inputs (mono, protective, sexual): (0.2,0,0), (0.4,2,0), (0.6,4,3).
        // Third message: mono mean 0.4 sd 0.2 -> z 1; protective mean 2 sd 2 -> z 1;
        // sexual mean 1 sd sqrt(3) -> z 2/sqrt(3).
        RunningNorms norms = new RunningNorms();
        norms.addAndScore(0.2, 0, 0);
        norms.addAndScore(0.4, 2, 0);
        RunningNorms.Provisional third = norms.addAndScore(0.6, 4, 3);
        double zSexual = 2 / Math.sqrt(3);
        assertEquals(1 + zSexual - 1, third.cpi(), 1e-9);
        assertEquals(1 + 1 - zSexual, third.di(), 1e-9);
        assertEquals(3, norms.count());
    }
}
