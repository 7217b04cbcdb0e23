package dev.backfire.agent.model;

import java.util.Map;

/**
 * What a model call returned, with its accounting.
 *
 * @param text         the raw reply
 * @param fingerprint  the model the provider says answered
 * @param inputTokens  tokens sent
 * @param outputTokens tokens received
 * @param intendedHits ground truth of the synthetic model, null for real models
 */
public record ModelReply(String text, String fingerprint, int inputTokens, int outputTokens,
                         Map<String, Integer> intendedHits) {
}
