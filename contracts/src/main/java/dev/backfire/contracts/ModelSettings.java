package dev.backfire.contracts;

/**
 * Model call settings taken from the study spec.
 *
 * @param model       the configured model name the agent must call ("synthetic" is the built-in model)
 * @param temperature sampling temperature
 * @param maxTokens   cap on output tokens
 * @param seed        per-call seed, derived from the run seed, agent and turn (used where the provider supports it)
 */
public record ModelSettings(String model, double temperature, int maxTokens, long seed) {
    public ModelSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be named");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
    }
}
