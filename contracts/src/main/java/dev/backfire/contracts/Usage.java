package dev.backfire.contracts;

/**
 * Accounting of one model call.
 *
 * @param inputTokens  tokens sent
 * @param outputTokens tokens received
 * @param latencyMs    wall-clock time of the call, retries included
 * @param retries      retries needed before the call succeeded
 */
public record Usage(int inputTokens, int outputTokens, long latencyMs, int retries) {
}
