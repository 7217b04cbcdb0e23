package dev.backfire.agent.providers;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Shrinks timeouts, delays and the circuit window so the provider tests stay fast, and gives the synthetic
 * model a fixed simulated latency.
 */
public class FastFaultToleranceProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                // Generous for the first call of a cold JVM on a loaded machine; short only for the model whose
                // stub is slow, so the timeout test stays fast.
                Map.entry("backfire.agent.call.timeout", "10s"),
                Map.entry("backfire.agent.models.oa-slow.timeout", "700ms"),
                Map.entry("backfire.agent.call.retry.max-retries", "2"),
                Map.entry("backfire.agent.call.retry.initial-delay", "20ms"),
                Map.entry("backfire.agent.call.retry.max-delay", "100ms"),
                Map.entry("backfire.agent.call.retry.jitter", "10ms"),
                Map.entry("backfire.agent.call.retry.max-retry-after", "5s"),
                Map.entry("backfire.agent.call.circuit-breaker.request-volume-threshold", "4"),
                Map.entry("backfire.agent.call.circuit-breaker.failure-ratio", "1.0"),
                Map.entry("backfire.agent.call.circuit-breaker.delay", "60s"),
                Map.entry("backfire.agent.synthetic.latency.mode", "fixed"),
                Map.entry("backfire.agent.synthetic.latency.mean", "150ms"),
                Map.entry("quarkus.log.category.\"dev.backfire\".level", "DEBUG"));
    }
}
