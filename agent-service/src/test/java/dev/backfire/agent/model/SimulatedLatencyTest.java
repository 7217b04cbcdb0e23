package dev.backfire.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.agent.config.AgentConfig.LatencyMode;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SimulatedLatencyTest {

    @Test
    void noneAndFixed() {
        assertEquals(Duration.ZERO, SimulatedLatency.none().delay(42));
        assertEquals(Duration.ofMillis(300), new SimulatedLatency(LatencyMode.FIXED, Duration.ofMillis(300), 0.5).delay(42));
    }

    @Test
    void lognormalIsReproduciblePerSeedWithTheConfiguredMean() {
        SimulatedLatency l = new SimulatedLatency(LatencyMode.LOGNORMAL, Duration.ofMillis(800), 0.5);
        assertEquals(l.delay(7), l.delay(7));
        assertNotEquals(l.delay(7), l.delay(8));
        double mean = LongStream.range(0, 20_000).mapToDouble(s -> l.delay(s).toMillis()).average().orElseThrow();
        assertTrue(Math.abs(mean - 800) < 20, "mean " + mean);
        assertTrue(LongStream.range(0, 1000).allMatch(s -> l.delay(s).toMillis() >= 0));
    }
}
