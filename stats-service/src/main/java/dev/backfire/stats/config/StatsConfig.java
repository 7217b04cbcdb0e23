package dev.backfire.stats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Every tunable of the stats service, under {@code backfire.stats}. */
@ConfigMapping(prefix = "backfire.stats")
public interface StatsConfig {
    /**
     * The scoring set of live scoring: the scoring service's {@code backfire.scoring.scoring-set}. Its results
     * are the study's results, on Prometheus and at {@code GET /studies/{id}/results}; scores of any other set
     * (a re-scoring) are kept and analysed apart, at {@code ?scoringSet=<set>}. Default "primary".
     */
    @WithDefault("primary")
    String liveScoringSet();

    /** Permutations for each per-language permutation p-value; 0 switches them off. Default 2000. */
    @WithDefault("2000")
    int permutations();

    /** Seed of the permutation p-values, so results are reproducible. Default 20260304. */
    @WithDefault("20260304")
    long permutationSeed();

    /**
     * How often the studies whose runs completed since the last time are recomputed. Runs that complete
     * together are analysed once, not once each: the whole analysis (mixed models, permutations) grows with
     * the study, and recomputing it for each of a big study's runs as they stream in would cost more than
     * everything else the service does. The results lag the last completed run by at most this. Default 1s.
     */
    @WithDefault("1s")
    java.time.Duration recomputeInterval();

    /** Where the web console (served at {@code /console/}) finds the other services' REST APIs. */
    Console console();

    /** API keys on the REST APIs, under {@code backfire.stats.security}. */
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

    /** Settings of the web console, under {@code backfire.stats.console}. */
    interface Console {
        /**
         * Base URL of the orchestrator's REST API as the browser reaches it (studies, runs, transcripts);
         * the orchestrator must allow this service's origin in {@code quarkus.http.cors.origins}. The local
         * run passes the orchestrator it started. Default {@code http://127.0.0.1:8080}.
         */
        @WithDefault("http://127.0.0.1:8080")
        String orchestratorUrl();

        /**
         * Base URL of the scoring service's REST API as the browser reaches it (lexicon terms for the
         * transcript viewer's highlighting); the scoring service must allow this service's origin in
         * {@code quarkus.http.cors.origins}. The local run passes the scoring service it started. Default
         * {@code http://127.0.0.1:8080}.
         */
        @WithDefault("http://127.0.0.1:8080")
        String scoringUrl();
    }
}
