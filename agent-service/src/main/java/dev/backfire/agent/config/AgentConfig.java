package dev.backfire.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every tunable of the agent service, under {@code backfire.agent}. */
@ConfigMapping(prefix = "backfire.agent")
public interface AgentConfig {

    /** The built-in synthetic model. */
    Synthetic synthetic();

    /** Settings of the built-in synthetic model. */
    interface Synthetic {
        /** Whether the synthetic model is offered under its name "synthetic". Default true. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Strength of the alignment instruction's effect on what synthetic agents say, as a multiplier of
         * the per-language tendencies in the phrase banks. Default 1.0 (the documented defaults).
         */
        @WithDefault("1.0")
        double alignmentEffect();
    }
}
