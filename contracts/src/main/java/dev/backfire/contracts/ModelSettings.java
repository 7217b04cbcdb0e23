package dev.backfire.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model call settings taken from the study spec.
 *
 * @param model               the configured model name the agent must call ("synthetic" is the built-in model)
 * @param temperature         sampling temperature
 * @param maxTokens           cap on output tokens
 * @param seed                per-call seed, derived from the run seed, agent and turn (used where the provider
 *                            supports it)
 * @param syntheticParameters the built-in synthetic model's parameters the study sets ({@code model.synthetic}
 *                            of the spec, by dotted name, e.g. {@code censorshipChill} or
 *                            {@code tendencies.ja.aligned.protectiveRate}), applied to this call over the agent's
 *                            configured values; sorted; empty for none. Real models ignore them. Since
 *                            {@link SchemaVersions#TURN_REQUEST} 2.
 */
public record ModelSettings(String model, double temperature, int maxTokens, long seed,
                            Map<String, Double> syntheticParameters) {
    public ModelSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be named");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        syntheticParameters = syntheticParameters == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(syntheticParameters));
        syntheticParameters.forEach((name, value) -> {
            if (name.isBlank() || value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("syntheticParameters: '" + name
                        + "' must be a named finite number, was " + value);
            }
        });
    }

    /** Settings without synthetic-model parameters (the agent's configured values apply). */
    public ModelSettings(String model, double temperature, int maxTokens, long seed) {
        this(model, temperature, maxTokens, seed, Map.of());
    }
}
