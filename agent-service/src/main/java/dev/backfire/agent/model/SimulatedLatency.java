package dev.backfire.agent.model;

import dev.backfire.agent.config.AgentConfig.LatencyMode;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Simulated provider latency of the synthetic model, for load tests: none, fixed, or lognormal with the
 * configured arithmetic mean ({@code mu = ln(mean) - sigma^2 / 2}). The delay is drawn from the call's seed,
 * so a run replayed with the same seeds sees the same latencies. Thread-safe, no state.
 */
public record SimulatedLatency(LatencyMode mode, Duration mean, double sigma) {
    /** Decorrelates the latency draw from the synthetic model's own use of the seed. */
    private static final long SALT = 0x5DEECE66DL;

    public static SimulatedLatency none() {
        return new SimulatedLatency(LatencyMode.NONE, Duration.ZERO, 0);
    }

    /** The delay for a call with this seed. */
    public Duration delay(long seed) {
        return switch (mode) {
            case NONE -> Duration.ZERO;
            case FIXED -> mean;
            case LOGNORMAL -> {
                double meanMillis = Math.max(1, mean.toMillis());
                double mu = Math.log(meanMillis) - sigma * sigma / 2;
                double z = gaussian(new SplittableRandom(seed ^ SALT));
                yield Duration.ofMillis(Math.round(Math.exp(mu + sigma * z)));
            }
        };
    }

    /** Sleeps the delay for this seed (interruptible, so a timeout cuts it short). */
    public void await(long seed) {
        Duration d = delay(seed);
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulated latency interrupted", e);
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
