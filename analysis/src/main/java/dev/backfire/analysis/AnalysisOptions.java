package dev.backfire.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * Tunables of an analysis run; every one has a documented default ({@link #defaults()}).
 *
 * @param pdiOverrides Power Distance Index per language code, replacing the defaults of
 *                     {@link PowerDistanceIndex#DEFAULTS} (ANALYSIS.md section 4) for the languages it names
 * @param permutations B, the number of label permutations per language contrast for the permutation
 *                     p-value; 0 switches the permutation test off (default {@value #DEFAULT_PERMUTATIONS})
 * @param seed         seed of the permutation generator (default {@value #DEFAULT_SEED}); the same seed
 *                     and data give the same p-values on any JVM
 */
public record AnalysisOptions(Map<String, Double> pdiOverrides, int permutations, long seed) {

    /** Default number of permutations per contrast. */
    public static final int DEFAULT_PERMUTATIONS = 2000;
    /** Default permutation seed. */
    public static final long DEFAULT_SEED = 20_240_521L;

    /**
     * Validates and copies the options.
     *
     * @throws IllegalArgumentException if a PDI is null or not finite, or permutations is negative
     */
    public AnalysisOptions {
        Objects.requireNonNull(pdiOverrides, "pdiOverrides").forEach((language, pdi) -> {
            if (pdi == null || !Double.isFinite(pdi)) {
                throw new IllegalArgumentException("PDI of " + language + " must be a finite number, got " + pdi);
            }
        });
        pdiOverrides = Map.copyOf(pdiOverrides);
        if (permutations < 0) {
            throw new IllegalArgumentException("permutations must be >= 0, got " + permutations);
        }
    }

    /**
     * @return no PDI overrides, {@value #DEFAULT_PERMUTATIONS} permutations, seed {@value #DEFAULT_SEED}
     */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(Map.of(), DEFAULT_PERMUTATIONS, DEFAULT_SEED);
    }

    /**
     * @param overrides PDI per language code
     * @return a copy with these overrides
     */
    public AnalysisOptions withPdiOverrides(Map<String, Double> overrides) {
        return new AnalysisOptions(overrides, permutations, seed);
    }

    /**
     * @param count B, 0 to switch the permutation test off
     * @return a copy with this number of permutations
     */
    public AnalysisOptions withPermutations(int count) {
        return new AnalysisOptions(pdiOverrides, count, seed);
    }

    /**
     * @param newSeed the permutation seed
     * @return a copy with this seed
     */
    public AnalysisOptions withSeed(long newSeed) {
        return new AnalysisOptions(pdiOverrides, permutations, newSeed);
    }
}
