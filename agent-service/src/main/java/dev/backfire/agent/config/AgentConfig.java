package dev.backfire.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Every tunable of the agent service, under {@code backfire.agent}. */
@ConfigMapping(prefix = "backfire.agent")
public interface AgentConfig {

    /** The built-in synthetic model. */
    Synthetic synthetic();

    /**
     * The model catalogue: the names a study spec may use in {@code ModelSettings.model}, each with the
     * endpoint that serves it. Empty by default (only "synthetic" is served). All runtime configuration:
     * a model is added or re-pointed by configuration or environment, without a rebuild.
     */
    Map<String, Model> models();

    /** Timeout, retry and circuit breaker of every model call. */
    Call call();

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

        /** Simulated provider latency, for load tests. */
        Latency latency();
    }

    /** Simulated latency of the synthetic model; drawn per call from the request's seed, so reproducible. */
    interface Latency {
        /** none, fixed (always {@code mean}) or lognormal (arithmetic mean {@code mean}, log-sd {@code sigma}). Default none. */
        @WithDefault("none")
        LatencyMode mode();

        /** Mean simulated latency. Default 800ms. */
        @WithDefault("800ms")
        Duration mean();

        /** Standard deviation of the log of the latency (lognormal mode). Default 0.5. */
        @WithDefault("0.5")
        double sigma();
    }

    /** How the synthetic model's latency is simulated. */
    enum LatencyMode {
        NONE, FIXED, LOGNORMAL
    }

    /** Which quarkus-langchain4j provider client serves a model. */
    enum Provider {
        /** Any OpenAI-compatible endpoint: OpenAI, vLLM, OpenRouter, Together, Groq, LM Studio, Ollama's /v1. */
        OPENAI,
        /** Ollama's native API ({@code /api/chat}). */
        OLLAMA
    }

    /** One entry of the model catalogue. */
    interface Model {
        /** openai or ollama. Required. */
        Provider provider();

        /**
         * Endpoint. Default https://api.openai.com/v1/ for openai, http://localhost:11434 for ollama. For
         * OpenAI-compatible servers include the {@code /v1/} path.
         */
        Optional<String> baseUrl();

        /**
         * API key, sent as {@code Authorization: Bearer}. Take it from the environment
         * ({@code ${OPENAI_API_KEY}}), never write it here; never logged. No default (none sent).
         */
        Optional<String> apiKey();

        /** The provider's model id (e.g. gpt-4o-mini, llama3.3:70b). Default: the catalogue name. */
        Optional<String> modelId();

        /** Price in USD per 1,000 input tokens, for the cost estimate. Default 0. */
        @WithName("price-per-1k-input")
        @WithDefault("0")
        double pricePer1kInput();

        /** Price in USD per 1,000 output tokens, for the cost estimate. Default 0. */
        @WithName("price-per-1k-output")
        @WithDefault("0")
        double pricePer1kOutput();

        /** Per-attempt timeout of this model, overriding {@code call.timeout}. */
        Optional<Duration> timeout();
    }

    /** Fault tolerance of a model call (ModelGateway): the only retry layer; provider retries are off. */
    interface Call {
        /** Timeout of one attempt. Default 60s. */
        @WithDefault("60s")
        Duration timeout();

        /** Retries of transient failures (429, 5xx, connection errors, timeouts). */
        Retry retry();

        /** Circuit breaker, one per model. */
        CircuitBreaker circuitBreaker();
    }

    /** Retry with exponential backoff and jitter; a provider's Retry-After wins when it is longer. */
    interface Retry {
        /** Retries after the first attempt. Default 3. */
        @WithDefault("3")
        int maxRetries();

        /** Delay before the first retry. Default 500ms. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** Multiplier of the delay for each further retry. Default 2. */
        @WithDefault("2")
        int factor();

        /** Cap on the backoff delay (not on a Retry-After). Default 30s. */
        @WithDefault("30s")
        Duration maxDelay();

        /** Random extra delay in [0, jitter] added to every retry delay. Default 250ms. */
        @WithDefault("250ms")
        Duration jitter();

        /**
         * Longest Retry-After the agent waits for; a provider asking for more gets no retry (the call fails
         * as RATE_LIMITED and the orchestrator re-issues the turn later). Default 60s.
         */
        @WithDefault("60s")
        Duration maxRetryAfter();

        /** No retry starts after this much time has passed since the first attempt. Default 180s. */
        @WithDefault("180s")
        Duration maxDuration();
    }

    /** Per-model circuit breaker (rolling window over attempts). */
    interface CircuitBreaker {
        /** Attempts in the rolling window. Default 20. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failed attempts in the window that opens the circuit. Default 0.5. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the circuit stays open before a trial call. Default 30s. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls that close the circuit again. Default 1. */
        @WithDefault("1")
        int successThreshold();
    }
}
