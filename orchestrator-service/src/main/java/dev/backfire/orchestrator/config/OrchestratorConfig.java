package dev.backfire.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
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

    /**
     * Times a turn is re-issued (after a stall, or after an agent gave up on a call) before the run is
     * marked failed with the reason. Default 5.
     */
    @WithDefault("5")
    int maxTurnReissues();

    /**
     * After an agent gives up on a call (provider faults outlasting its retries), the request is sent again
     * after this delay, so a provider that is down gets time to come back. Default 10s.
     */
    @WithDefault("10s")
    Duration turnRetryDelay();

    /** Admission of model calls, under {@code backfire.orchestrator.admission}. */
    Admission admission();

    /**
     * The orchestrator is the single admission controller of model calls: a turn request is published only
     * when the global cap and its model's limits allow it, otherwise it waits in memory and goes out as
     * soon as a reply frees a slot or an allowance refills. Agent replicas need no coordination.
     */
    interface Admission {
        /** Model calls in flight at once, over all studies and models. Default 256. */
        @WithDefault("256")
        int maxConcurrentCalls();

        /** How often held-back requests are offered to the limits again. Default 100ms. */
        @WithDefault("100ms")
        Duration drainInterval();

        /**
         * UTF-8 bytes of prompt per token, to estimate a call's input tokens before it is made (about 4 for
         * Latin scripts; a CJK character is 3 bytes and about one token). Default 4.
         */
        @WithDefault("4")
        int bytesPerToken();

        /**
         * Limits per model name (the name a spec uses), e.g.
         * {@code backfire.orchestrator.admission.models."gpt-4o-mini".requests-per-minute=500}. A model
         * without an entry has only the global cap.
         */
        Map<String, Model> models();

        /** Limits of one model; 0 means no limit. */
        interface Model {
            /** Calls to this model in flight at once. Default 0 (no limit). */
            @WithDefault("0")
            int maxConcurrentCalls();

            /** Calls to this model started per minute. Default 0 (no limit). */
            @WithDefault("0")
            int requestsPerMinute();

            /** Estimated input plus output tokens per minute. Default 0 (no limit). */
            @WithDefault("0")
            long tokensPerMinute();
        }
    }

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
