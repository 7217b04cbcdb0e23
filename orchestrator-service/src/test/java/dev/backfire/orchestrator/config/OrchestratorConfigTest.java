package dev.backfire.orchestrator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission limits can be set in properties or, for containers, in environment variables alone. */
class OrchestratorConfigTest {

    private static OrchestratorConfig config(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100), new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(OrchestratorConfig.class)
                .build();
        return config.getConfigMapping(OrchestratorConfig.class);
    }

    @Test
    void defaultsLeaveOnlyTheGlobalCap() {
        OrchestratorConfig c = config(Map.of(), Map.of());
        assertEquals(256, c.admission().maxConcurrentCalls());
        assertTrue(c.admission().models().isEmpty());
        assertEquals(Duration.ofMillis(100), c.admission().drainInterval());
        assertEquals(Duration.ofSeconds(10), c.turnRetryDelay());
        assertEquals(5, c.maxTurnReissues());
    }

    @Test
    void modelLimitsFromProperties() {
        OrchestratorConfig c = config(Map.of(
                "backfire.orchestrator.admission.models.\"gpt-4o-mini\".requests-per-minute", "500",
                "backfire.orchestrator.admission.models.\"gpt-4o-mini\".tokens-per-minute", "200000"), Map.of());
        OrchestratorConfig.Admission.Model m = c.admission().models().get("gpt-4o-mini");
        assertEquals(500, m.requestsPerMinute());
        assertEquals(200_000, m.tokensPerMinute());
        assertEquals(0, m.maxConcurrentCalls(), "unset: no limit");
    }

    @Test
    void modelLimitsFromTheEnvironmentOnly() {
        OrchestratorConfig c = config(Map.of(), Map.of(
                "BACKFIRE_ORCHESTRATOR_ADMISSION_MAX_CONCURRENT_CALLS", "128",
                "BACKFIRE_ORCHESTRATOR_ADMISSION_MODELS_VLLM_MAX_CONCURRENT_CALLS", "64",
                "BACKFIRE_ORCHESTRATOR_ADMISSION_MODELS_VLLM_REQUESTS_PER_MINUTE", "600"));
        assertEquals(128, c.admission().maxConcurrentCalls());
        assertEquals(64, c.admission().models().get("vllm").maxConcurrentCalls(),
                "models: " + c.admission().models().keySet());
        assertEquals(600, c.admission().models().get("vllm").requestsPerMinute());
    }
}
