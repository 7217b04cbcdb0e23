package dev.backfire.scorer.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Cohen's kappa against reference values computed in R with psych::cohen.kappa (script and output in
 * src/test/resources/kappa/: kappa.R, kappa.out). The cases here are the R script's, item for item.
 */
class CohensKappaTest {
    /** R prints 15 decimals; the computation is a few exact ratios, so this is far from the noise. */
    private static final double TOLERANCE = 1e-12;

    private static boolean[] of(int... values) {
        boolean[] out = new boolean[values.length];
        IntStream.range(0, values.length).forEach(i -> out[i] = values[i] == 1);
        return out;
    }

    private static boolean[] repeat(int value, int times) {
        int[] values = new int[times];
        java.util.Arrays.fill(values, value);
        return of(values);
    }

    private static boolean[] concat(boolean[]... parts) {
        int length = 0;
        for (boolean[] p : parts) {
            length += p.length;
        }
        boolean[] out = new boolean[length];
        int at = 0;
        for (boolean[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> values = new HashMap<>();
        try (InputStream in = CohensKappaTest.class.getResourceAsStream("/kappa/kappa.out")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).forEach(line -> {
                String[] f = line.trim().split("\\s+");
                values.put(f[0], Double.parseDouble(f[2]));
            });
        }
        return values;
    }

    @Test
    void matchesRsPsychCohenKappa() throws IOException {
        Map<String, Double> r = reference();
        assertEquals(5, r.size());
        assertEquals(r.get("moderate"), CohensKappa.of(
                of(1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0),
                of(1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0)).kappa(), TOLERANCE);
        assertEquals(r.get("perfect"), CohensKappa.of(of(1, 0, 1, 0, 1, 1, 0, 0), of(1, 0, 1, 0, 1, 1, 0, 0)).kappa(),
                TOLERANCE);
        assertEquals(r.get("opposite"), CohensKappa.of(of(1, 0, 1, 0, 1, 0), of(0, 1, 0, 1, 0, 1)).kappa(), TOLERANCE);
        assertEquals(r.get("skewed"), CohensKappa.of(concat(repeat(1, 3), repeat(0, 37)),
                concat(of(1, 0, 1), repeat(0, 34), of(1, 1, 0))).kappa(), TOLERANCE);
        assertEquals(r.get("chance"), CohensKappa.of(of(1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0),
                of(1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0)).kappa(), TOLERANCE);
    }

    @Test
    void isUndefinedWhenBothRatersGiveOneAnswerThroughout() {
        CohensKappa.Result none = CohensKappa.of(repeat(0, 5), repeat(0, 5));
        assertTrue(Double.isNaN(none.kappa()));
        assertEquals(1.0, none.observed());
        assertTrue(Double.isNaN(CohensKappa.of(repeat(1, 3), repeat(1, 3)).kappa()));
        // One rater constant, the other not: defined (pe < 1), and no better than chance.
        assertEquals(0.0, CohensKappa.of(repeat(0, 4), of(0, 0, 0, 1)).kappa(), TOLERANCE);
    }

    @Test
    void refusesMismatchedOrEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> CohensKappa.of(of(1), of(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> CohensKappa.of(new boolean[0], new boolean[0]));
    }
}
