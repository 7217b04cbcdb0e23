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

        /*
         * The synthetic model's parameters (dev.backfire.synthetic.SyntheticParameters documents each). The
         * defaults are the model's documented defaults, assumptions of the synthetic model rather than
         * findings; a study spec's model.synthetic section overrides any of them for its own calls.
         */

        /**
         * How far the alignment instruction moves an agent from the unaligned to the aligned tendencies of
         * its language's phrase bank (0 inert, 1 the bank's aligned profile). Default 1.0.
         */
        @WithDefault("1.0")
        double alignmentEffect();

        /**
         * Language-independent dissociation of aligned agents: their neutral monologue is multiplied by
         * exp(alignment-dissociation x alignment-effect). Default 0.05.
         */
        @WithDefault("0.05")
        double alignmentDissociation();

        /** Strength of conformity contagion from the talk an agent heard. Default 0.5. */
        @WithDefault("0.5")
        double contagion();

        /** Strength of the individuation instruction's effect (0 inert, 1 the documented factors). Default 1.0. */
        @WithDefault("1.0")
        double individuationEffect();

        /**
         * Strength of the chilling effect of a visible removal notice on the agents who see it (0 inert).
         * Default 1.0.
         */
        @WithDefault("1.0")
        double censorshipChill();

        /**
         * Share of its public speech the agent with the withdrawing persona leaves unsaid or keeps private,
         * in [0, 1] (0 inert). Default 0.8.
         */
        @WithDefault("0.8")
        double withdrawal();

        /**
         * Any other parameter by the name a spec's model.synthetic section uses, dots joining its groups
         * (dev.backfire.synthetic.SettableParameters), e.g.
         * {@code backfire.agent.synthetic.parameters."escalation.eviction"=0.9} or
         * {@code ..."tendencies.ja.aligned.protectiveRate"=1.2}. Default none.
         */
        Map<String, Double> parameters();

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
