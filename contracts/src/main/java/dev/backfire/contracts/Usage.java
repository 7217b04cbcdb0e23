package dev.backfire.contracts;

/**
 * Accounting of one model call.
 *
 * @param inputTokens  tokens sent
 * @param outputTokens tokens received
 * @param latencyMs    wall-clock time of the call, retries included
 * @param retries      retries needed before the call succeeded
 * @param costUsd      estimated cost in US dollars from the agent's price table for the model (0 when the
 *                     model has no price, as the synthetic model)
 */
public record Usage(int inputTokens, int outputTokens, long latencyMs, int retries, double costUsd) {
    public Usage {
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("costUsd must be a finite number >= 0, was " + costUsd);
        }
    }

    /** A call without a price. */
    public Usage(int inputTokens, int outputTokens, long latencyMs, int retries) {
        this(inputTokens, outputTokens, latencyMs, retries, 0.0);
    }
}
