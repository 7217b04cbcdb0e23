package dev.backfire.agent.model;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays of one guarded call: exponential ({@code initial * factor^n}, capped at {@code maxDelay}), or
 * the provider's Retry-After when that is longer, plus a random jitter in [0, jitter]. The jitter is only
 * ever added, so a Retry-After is always honoured in full. SmallRye Fault Tolerance creates one instance
 * per guarded call; not thread-safe, not shared.
 */
final class Backoff implements CustomBackoffStrategy {
    private final long initialMillis;
    private final int factor;
    private final long maxDelayMillis;
    private final long jitterMillis;
    private long next;

    Backoff(Duration initial, int factor, Duration maxDelay, Duration jitter) {
        this.initialMillis = initial.toMillis();
        this.factor = Math.max(1, factor);
        this.maxDelayMillis = maxDelay.toMillis();
        this.jitterMillis = jitter.toMillis();
        this.next = initialMillis;
    }

    @Override
    public void init(long initialDelayInMillis) {
        next = initialMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long backoff = Math.min(next, maxDelayMillis);
        next = next > maxDelayMillis / factor ? maxDelayMillis : next * factor;
        long base = Failures.retryAfter(cause).map(d -> Math.max(d.toMillis(), backoff)).orElse(backoff);
        long jitter = jitterMillis > 0 ? ThreadLocalRandom.current().nextLong(jitterMillis + 1) : 0;
        return base + jitter;
    }
}
