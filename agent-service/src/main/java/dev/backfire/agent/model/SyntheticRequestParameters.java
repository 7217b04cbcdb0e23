package dev.backfire.agent.model;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request parameters plus the per-call seed, the way OpenAI-compatible providers take one, and the study's
 * parameters of the synthetic model ({@code ModelSettings.syntheticParameters}, empty for none).
 */
public final class SyntheticRequestParameters extends DefaultChatRequestParameters {
    private final Long seed;
    private final Map<String, Double> syntheticParameters;

    private SyntheticRequestParameters(Builder builder) {
        super(builder);
        this.seed = builder.seed;
        this.syntheticParameters = Map.copyOf(builder.syntheticParameters);
    }

    public Long seed() {
        return seed;
    }

    /** The study's overrides of the synthetic model's parameters, by name; empty for none. */
    public Map<String, Double> syntheticParameters() {
        return syntheticParameters;
    }

    @Override
    public ChatRequestParameters overrideWith(ChatRequestParameters that) {
        Builder builder = new Builder().overrideWith(this).overrideWith(that);
        SyntheticRequestParameters other = that instanceof SyntheticRequestParameters s ? s : null;
        builder.seed(other != null && other.seed != null ? other.seed : seed);
        builder.syntheticParameters(other != null && !other.syntheticParameters.isEmpty()
                ? other.syntheticParameters : syntheticParameters);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with a seed and the synthetic model's parameters. */
    public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {
        private Long seed;
        private Map<String, Double> syntheticParameters = Map.of();

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder syntheticParameters(Map<String, Double> parameters) {
            this.syntheticParameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
            return this;
        }

        @Override
        public SyntheticRequestParameters build() {
            return new SyntheticRequestParameters(this);
        }
    }
}
