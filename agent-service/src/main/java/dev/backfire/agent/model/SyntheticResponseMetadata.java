package dev.backfire.agent.model;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Map;

/** Response metadata of the synthetic model: what it meant to say, for validating the scorer. */
public final class SyntheticResponseMetadata extends ChatResponseMetadata {
    private final Map<String, Integer> intendedHits;

    private SyntheticResponseMetadata(Builder builder) {
        super(builder);
        this.intendedHits = Map.copyOf(builder.intendedHits);
    }

    public Map<String, Integer> intendedHits() {
        return intendedHits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the ground truth. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {
        private Map<String, Integer> intendedHits = Map.of();

        public Builder intendedHits(Map<String, Integer> intendedHits) {
            this.intendedHits = intendedHits;
            return this;
        }

        @Override
        public SyntheticResponseMetadata build() {
            return new SyntheticResponseMetadata(this);
        }
    }
}
