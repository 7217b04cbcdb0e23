package dev.backfire.analysis.stats;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Power and sample size for comparing two cells (ratio 1.0 against 0.0) with a two-sided two-sample
 * t-test, equal run counts per cell and equal variances (R's {@code power.t.test(..., strict = TRUE)}).
 *
 * <p><b>Contract.</b> With n runs per cell, {@code df = 2n - 2} and noncentrality
 * {@code delta = g sqrt(n / 2)}, power is {@code P(T' > c) + P(T' < -c)} where {@code c} is the
 * {@code 1 - alpha/2} quantile of the central t and {@code T'} is noncentral t. The noncentral tail is
 * computed exactly (to integration accuracy, about 1e-9) as
 * {@code P(T' > c) = E_V[Phi(delta - c sqrt(V/df))]}, {@code V ~ chi^2_df}, by Gauss-Legendre
 * quadrature. Under equal variances Welch's test has nearly the same power, so the result is also
 * the planning figure for the Welch test the analysis uses. g is the true standardised difference
 * (Hedges' g estimates it).
 *
 * <p>Stateless and thread-safe. alpha must lie in (0, 1), power in (0, 1).
 */
public final class PowerCalculator {

    /** Fewest runs per cell for which the t-test exists. */
    public static final int MIN_RUNS_PER_CELL = 2;
    /** Largest runs-per-cell answer searched; smaller effects throw. */
    public static final int MAX_RUNS_PER_CELL = 1_000_000;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    /** Mass of the chi-square distribution left outside the integration range, per tail. */
    private static final double CHI_SQUARE_TAIL = 1e-13;
    private static final int QUADRATURE_POINTS = 32;
    private static final double QUADRATURE_RELATIVE_ACCURACY = 1e-10;
    private static final double QUADRATURE_ABSOLUTE_ACCURACY = 1e-12;
    private static final int QUADRATURE_MAX_EVALUATIONS = 1_000_000;

    private PowerCalculator() {
    }

    /**
     * Power of the two-sided test with {@code runsPerCell} runs in each of the two cells.
     *
     * <p><em>Preconditions:</em> {@code runsPerCell >= 2}, {@code 0 < alpha < 1}, g finite.
     *
     * @param g           true standardised effect (sign irrelevant)
     * @param runsPerCell n per cell
     * @param alpha       two-sided significance level
     * @return the probability of rejecting, in [alpha, 1)
     * @throws IllegalArgumentException if a precondition fails
     */
    public static double power(double g, int runsPerCell, double alpha) {
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException("g must be finite, got " + g);
        }
        if (runsPerCell < MIN_RUNS_PER_CELL) {
            throw new IllegalArgumentException("runsPerCell must be >= " + MIN_RUNS_PER_CELL + ", got " + runsPerCell);
        }
        checkProbability("alpha", alpha);
        int df = 2 * runsPerCell - 2;
        double delta = Math.abs(g) * Math.sqrt(runsPerCell / 2.0);
        double critical = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
        return Math.min(1.0, upperTail(critical, df, delta) + upperTail(critical, df, -delta));
    }

    /**
     * Smallest number of runs per cell whose power reaches {@code power}.
     *
     * <p><em>Preconditions:</em> {@code g != 0}, {@code 0 < power < 1}, {@code 0 < alpha < 1}.
     *
     * @param g     true standardised effect to detect
     * @param power target power, e.g. 0.8
     * @param alpha two-sided significance level, e.g. 0.05
     * @return n per cell, at least {@value #MIN_RUNS_PER_CELL}
     * @throws IllegalArgumentException if a precondition fails, or more than
     *         {@value #MAX_RUNS_PER_CELL} runs per cell would be needed
     */
    public static int runsPerCell(double g, double power, double alpha) {
        checkProbability("power", power);
        checkProbability("alpha", alpha);
        if (!Double.isFinite(g) || g == 0) {
            throw new IllegalArgumentException("g must be finite and non-zero, got " + g);
        }
        if (power(g, MIN_RUNS_PER_CELL, alpha) >= power) {
            return MIN_RUNS_PER_CELL;
        }
        int low = MIN_RUNS_PER_CELL; // power(low) < target
        int high = low;
        while (power(g, high, alpha) < power) {
            low = high;
            high = high * 2;
            if (high > MAX_RUNS_PER_CELL) {
                throw new IllegalArgumentException("effect g=" + g + " needs more than " + MAX_RUNS_PER_CELL
                        + " runs per cell");
            }
        }
        while (high - low > 1) {
            int mid = low + (high - low) / 2;
            if (power(g, mid, alpha) >= power) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    /**
     * {@code P(T' > critical)} for noncentral t with {@code df} and {@code delta}. Integrates over
     * {@code s = sqrt(V)} rather than V: the integrand {@code 2 s f(s^2) Phi(delta - critical s / sqrt(df))}
     * is smooth at 0 for every df (in V it has a square-root kink that Gauss-Legendre converges on slowly).
     */
    private static double upperTail(double critical, int df, double delta) {
        ChiSquaredDistribution chiSquare = new ChiSquaredDistribution(null, df);
        double lo = Math.sqrt(chiSquare.inverseCumulativeProbability(CHI_SQUARE_TAIL));
        double hi = Math.sqrt(chiSquare.inverseCumulativeProbability(1 - CHI_SQUARE_TAIL));
        double scale = critical / Math.sqrt(df);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(
                QUADRATURE_POINTS, QUADRATURE_RELATIVE_ACCURACY, QUADRATURE_ABSOLUTE_ACCURACY);
        return integrator.integrate(QUADRATURE_MAX_EVALUATIONS,
                s -> 2 * s * chiSquare.density(s * s) * STANDARD_NORMAL.cumulativeProbability(delta - scale * s),
                lo, hi);
    }

    private static void checkProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
        }
    }
}
