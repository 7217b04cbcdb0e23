package dev.backfire.analysis.stats;

import java.util.Objects;

/**
 * Means, sample variances and z-scores as ANALYSIS.md section 2 defines them.
 *
 * <p>Stateless and thread-safe.
 */
public final class Descriptives {

    private Descriptives() {
    }

    /**
     * Arithmetic mean.
     *
     * <p><em>Preconditions:</em> {@code x} is non-null and non-empty.
     *
     * @param x the values
     * @return {@code sum(x) / n}
     * @throws IllegalArgumentException if {@code x} is null
     * @throws UndefinedStatisticException if {@code x} is empty
     */
    public static double mean(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length == 0) {
            throw new UndefinedStatisticException("mean of no values");
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        // One correction pass keeps the mean exact to rounding even for large offsets.
        double correction = 0;
        for (double v : x) {
            correction += v - mean;
        }
        return mean + correction / x.length;
    }

    /**
     * Sample variance with denominator {@code n - 1}.
     *
     * <p><em>Preconditions:</em> at least two values.
     *
     * @param x the values
     * @return {@code sum((x - mean)^2) / (n - 1)}
     * @throws UndefinedStatisticException if fewer than two values are given
     */
    public static double sampleVariance(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length < 2) {
            throw new UndefinedStatisticException("sample variance needs at least 2 values, got " + x.length);
        }
        double mean = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (x.length - 1);
    }

    /**
     * Standardises values over the population given: {@code (x - mean) / sd} with the sample sd.
     *
     * <p><em>Usage note:</em> by the analysis contract a z-score is 0 when the sd is 0 (all values
     * equal) or undefined (a single value), so this never fails for non-empty input.
     *
     * @param x the population, non-null
     * @return a new array of z-scores, same length and order as {@code x}; empty for empty input
     * @throws IllegalArgumentException if {@code x} is null
     */
    public static double[] zScores(double[] x) {
        Objects.requireNonNull(x, "x");
        double[] z = new double[x.length];
        if (x.length < 2) {
            return z;
        }
        double mean = mean(x);
        double sd = Math.sqrt(sampleVariance(x));
        if (sd == 0) {
            return z;
        }
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - mean) / sd;
        }
        return z;
    }
}
