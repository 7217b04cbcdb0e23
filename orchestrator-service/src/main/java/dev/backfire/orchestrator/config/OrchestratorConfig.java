package dev.backfire.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every tunable of the orchestrator, under {@code backfire.orchestrator}. */
@ConfigMapping(prefix = "backfire.orchestrator")
public interface OrchestratorConfig {

    /** Runs in flight across all studies, whatever the specs ask. Default 64. */
    @WithDefault("64")
    int maxConcurrentRuns();

    /** How often pending runs are admitted and stalled turns re-issued, as a safety net. Default 5s. */
    @WithDefault("5s")
    Duration dispatchInterval();

    /**
     * A turn with missing replies is re-issued after this long without progress. Agents are stateless
     * and replies are idempotent, so re-issuing is safe. Default 120s.
     */
    @WithDefault("120s")
    Duration turnTimeout();

    /** Times a stalled turn is re-issued before the run is marked failed. Default 3. */
    @WithDefault("3")
    int maxTurnReissues();

    /** How long a publish may wait for the broker's acknowledgement. Default 30s. */
    @WithDefault("30s")
    Duration publishTimeout();
}
