package dev.backfire.agent.model;

import dev.backfire.contracts.ModelSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * A model this agent serves.
 *
 * @param name             the catalogue name studies use
 * @param provider         who serves it
 * @param model            the langchain4j model (provider retries off, logging off)
 * @param modelId          the provider's model id, the fingerprint when the provider reports none
 * @param pricePer1kInput  USD per 1,000 input tokens
 * @param pricePer1kOutput USD per 1,000 output tokens
 */
public record ServedModel(String name, Kind provider, ChatModel model, String modelId, double pricePer1kInput,
                          double pricePer1kOutput) {

    /** Provider kinds, each with its way of taking the per-call settings. */
    public enum Kind {
        SYNTHETIC, OPENAI, OLLAMA
    }

    /**
     * The per-call parameters from the turn request: temperature, output-token cap and seed, and for the
     * synthetic model the study's parameters of it (real models ignore those). The seed goes
     * where the provider takes one (OpenAI {@code seed}, Ollama {@code options.seed}, both 32-bit in
     * langchain4j: the 64-bit seed is folded with {@link Long#hashCode(long)}).
     */
    public ChatRequestParameters parameters(ModelSettings settings) {
        return switch (provider) {
            case SYNTHETIC -> SyntheticRequestParameters.builder()
                    .temperature(settings.temperature())
                    .maxOutputTokens(settings.maxTokens())
                    .seed(settings.seed())
                    .syntheticParameters(settings.syntheticParameters())
                    .build();
            case OPENAI -> OpenAiChatRequestParameters.builder()
                    .temperature(settings.temperature())
                    .maxOutputTokens(settings.maxTokens())
                    .seed(Long.hashCode(settings.seed()))
                    .build();
            case OLLAMA -> OllamaChatRequestParameters.builder()
                    .temperature(settings.temperature())
                    .maxOutputTokens(settings.maxTokens())
                    .seed(Long.hashCode(settings.seed()))
                    .build();
        };
    }

    /** Estimated cost in USD of one call. */
    public double cost(int inputTokens, int outputTokens) {
        return inputTokens / 1000.0 * pricePer1kInput + outputTokens / 1000.0 * pricePer1kOutput;
    }
}
