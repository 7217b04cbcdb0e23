package dev.backfire.orchestrator.admission;

/**
 * A per-minute allowance that refills continuously: {@code capacity} units per minute, never holding
 * more than {@code capacity}. Used for requests per minute and tokens per minute of a model.
 *
 * <p>A take is allowed when the bucket holds the amount, or when it is full: a single call estimated at
 * more than a minute's allowance still goes out once the bucket has refilled, instead of waiting forever.
 * {@link #adjust} may push the level below zero (a call used more tokens than estimated); the debt is
 * repaid by the refill before the next take.
 *
 * <p>Not thread-safe: {@link AdmissionGate}'s callers serialize access.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private double level;
    private long lastNanos;

    /**
     * @param perMinute units allowed per minute, > 0
     * @param nowNanos  the clock's current reading; the bucket starts full
     */
    TokenBucket(long perMinute, long nowNanos) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("a bucket needs a positive allowance, was " + perMinute);
        }
        this.capacity = perMinute;
        this.level = perMinute;
        this.lastNanos = nowNanos;
    }

    /** Whether {@code amount} could be taken now (nothing is taken). */
    boolean canTake(double amount, long nowNanos) {
        refill(nowNanos);
        return level >= amount || level >= capacity;
    }

    /** Takes {@code amount}; call only after {@link #canTake} said yes at the same reading. */
    void take(double amount) {
        level -= amount;
    }

    /** Adds (positive) or removes (negative) units, e.g. the difference between estimated and used tokens. */
    void adjust(double delta) {
        level = Math.min(capacity, level + delta);
    }

    /** Units available now (may be negative while a debt is repaid). */
    double level(long nowNanos) {
        refill(nowNanos);
        return level;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            level = Math.min(capacity, level + capacity * elapsed / NANOS_PER_MINUTE);
            lastNanos = nowNanos;
        }
    }
}
