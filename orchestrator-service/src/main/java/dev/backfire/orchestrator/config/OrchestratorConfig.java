package dev.backfire.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    /** API keys on the REST APIs, under {@code backfire.orchestrator.security}. */
    Security security();

    /**
     * Authentication of the REST APIs by the {@code X-API-Key} header: role {@code admin} (every request,
     * including mutating ones) or {@code reader} (reads only). Health ({@code /q/health}) and metrics
     * ({@code /q/metrics}) stay open. The local profile ({@code ./backfire run}) switches it off.
     */
    interface Security {
        /** Whether requests need a key. Default true; with no admin key configured the service refuses to start. */
        @WithDefault("true")
        boolean enabled();

        /** The admin key; by default the environment variable {@code BACKFIRE_API_KEYS_ADMIN} (a Kubernetes Secret). */
        @WithDefault("${BACKFIRE_API_KEYS_ADMIN:}")
        Optional<String> adminKey();

        /** The read-only key; by default {@code BACKFIRE_API_KEYS_READER}. Unset: only the admin key is accepted. */
        @WithDefault("${BACKFIRE_API_KEYS_READER:}")
        Optional<String> readerKey();
    }
}
