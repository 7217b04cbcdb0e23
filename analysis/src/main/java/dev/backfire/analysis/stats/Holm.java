package dev.backfire.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Holm's step-down adjustment of a family of p-values (as R's {@code p.adjust(p, "holm")}).
 *
 * <p>With the m defined p-values sorted ascending, {@code adj_(i) = max_{j<=i} min(1, (m - j + 1) p_(j))}.
 * Stateless and thread-safe.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * Adjusts p-values for multiple comparisons.
     *
     * <p><em>Usage note:</em> {@code null} entries (tests that could not be run) are passed through as
     * {@code null} and do not count towards the family size m, as R does with {@code NA}.
     *
     * @param p the raw p-values, each null or in [0, 1]
     * @return the adjusted p-values in the same order (a new list)
     * @throws IllegalArgumentException if {@code p} is null or a value lies outside [0, 1]
     */
    public static List<Double> adjust(List<Double> p) {
        Objects.requireNonNull(p, "p");
        List<Integer> defined = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            Double v = p.get(i);
            if (v != null) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("p-value outside [0, 1] at index " + i + ": " + v);
                }
                defined.add(i);
            }
        }
        defined.sort(Comparator.comparingDouble(p::get));
        Double[] out = new Double[p.size()];
        int m = defined.size();
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = defined.get(rank);
            running = Math.max(running, Math.min(1.0, (m - rank) * p.get(index)));
            out[index] = running;
        }
        return new ArrayList<>(Arrays.asList(out));
    }
}
