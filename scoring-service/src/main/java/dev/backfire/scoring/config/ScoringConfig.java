package dev.backfire.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every tunable of the scoring service, under {@code backfire.scoring}. */
@ConfigMapping(prefix = "backfire.scoring")
public interface ScoringConfig {
    /** Name of the live scoring set stamped on every score. Default "primary". */
    @WithDefault("primary")
    String scoringSet();

    /** The optional LLM judge, under {@code backfire.scoring.judge}. */
    Judge judge();

    /** API keys of the mutating endpoints, under {@code backfire.scoring.security}. */
    Security security();

    /** Where stored studies are read for re-scoring, under {@code backfire.scoring.orchestrator}. */
    Orchestrator orchestrator();

    /** Re-scoring of stored studies ({@code POST /studies/{id}/rescore}), under {@code backfire.scoring.rescore}. */
    Rescore rescore();

    /** The orchestrator's REST API, from which a stored study's transcripts are read. */
    interface Orchestrator {
        /** Its base URL. Default {@code http://127.0.0.1:8080}; the local run passes the one it started. */
        @WithDefault("http://127.0.0.1:8080")
        String url();

        /**
         * The key sent in {@code X-API-Key} (reading transcripts needs the reader role); by default the
         * environment variable {@code BACKFIRE_API_KEYS_READER}, else {@code BACKFIRE_API_KEYS_ADMIN}. Never logged.
         */
        @WithDefault("${BACKFIRE_API_KEYS_READER:${BACKFIRE_API_KEYS_ADMIN:}}")
        Optional<String> apiKey();

        /** Timeout of one request for a study's transcripts. Default 60s. */
        @WithDefault("60s")
        Duration timeout();
    }

    /** Lexicon sets for re-scoring. */
    interface Rescore {
        /**
         * A folder with one sub-folder per named lexicon set, each holding {@code <language>.yaml} files in
         * the bundled format; a language without a file in the set keeps its bundled lexicon. The set
         * {@code bundled} is always available. Default: none (only {@code bundled}).
         */
        Optional<java.nio.file.Path> lexiconSetsDirectory();

        /** Scores awaited per batch while publishing a re-scoring, bounding what is in flight. Default 200. */
        @WithDefault("200")
        int publishBatch();
    }

    /**
     * An LLM that rates the lexicon's categories per message, to measure how far the lexicon agrees with a
     * reader (Cohen's kappa, {@code POST /judge-agreement}). Off by default: it calls a paid model once per
     * message rated. Any OpenAI-compatible endpoint (OpenAI, vLLM, OpenRouter, Ollama's /v1).
     */
    interface Judge {
        /** Whether the judge may be called. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** Base URL of the OpenAI-compatible API. Default {@code https://api.openai.com/v1/}. */
        @WithDefault("https://api.openai.com/v1/")
        String baseUrl();

        /** The model id sent to the endpoint. Default {@code gpt-4o-mini}. */
        @WithDefault("gpt-4o-mini")
        String model();

        /**
         * The endpoint's API key; by default the environment variable {@code BACKFIRE_JUDGE_API_KEY} (a
         * Kubernetes Secret). Never logged. Unset: no Authorization header (a local vLLM or Ollama).
         */
        @WithDefault("${BACKFIRE_JUDGE_API_KEY:}")
        Optional<String> apiKey();

        /** The provider client's HTTP timeout per call. Default 60s. */
        @WithDefault("60s")
        Duration timeout();

        /** Messages rated per language by one agreement request (a seeded sample). Default 50. */
        @WithDefault("50")
        int messagesPerLanguage();

        /** Seed of that sample, so that an agreement figure can be reproduced. Default 20260304. */
        @WithDefault("20260304")
        long sampleSeed();
    }

    /**
     * Authentication of the mutating endpoints ({@code POST}) by the {@code X-API-Key} header, role
     * {@code admin}; reads ({@code GET /lexicons}) stay open for the web console. Unlike the orchestrator
     * and stats services, a scoring service without an admin key still starts (its live scoring needs no
     * key) and refuses every mutating request. The local profile switches it off.
     */
    interface Security {
        /** Whether mutating requests need the admin key. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** The admin key; by default the environment variable {@code BACKFIRE_API_KEYS_ADMIN}. */
        @WithDefault("${BACKFIRE_API_KEYS_ADMIN:}")
        Optional<String> adminKey();

        /** The read-only key; by default {@code BACKFIRE_API_KEYS_READER}. */
        @WithDefault("${BACKFIRE_API_KEYS_READER:}")
        Optional<String> readerKey();
    }
}
