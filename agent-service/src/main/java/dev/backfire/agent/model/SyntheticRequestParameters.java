package dev.backfire.agent.model;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

/** Request parameters plus the per-call seed, the way OpenAI-compatible providers take one. */
public final class SyntheticRequestParameters extends DefaultChatRequestParameters {
    private final Long seed;

    private SyntheticRequestParameters(Builder builder) {
        super(builder);
        this.seed = builder.seed;
    }

    public Long seed() {
        return seed;
    }

    @Override
    public ChatRequestParameters overrideWith(ChatRequestParameters that) {
        Builder builder = new Builder().overrideWith(this).overrideWith(that);
        builder.seed(that instanceof SyntheticRequestParameters s && s.seed != null ? s.seed : seed);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with a seed. */
    public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {
        private Long seed;

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        @Override
        public SyntheticRequestParameters build() {
            return new SyntheticRequestParameters(this);
        }
    }
}
