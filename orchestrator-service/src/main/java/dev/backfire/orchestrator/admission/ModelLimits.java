package dev.backfire.orchestrator.admission;

/**
 * Limits on the calls to one model; 0 means no limit.
 *
 * @param maxConcurrentCalls calls in flight at once
 * @param requestsPerMinute  calls started per minute
 * @param tokensPerMinute    estimated input plus output tokens per minute
 */
public record ModelLimits(int maxConcurrentCalls, int requestsPerMinute, long tokensPerMinute) {
    /** No limit at all. */
    public static final ModelLimits NONE = new ModelLimits(0, 0, 0);

    public ModelLimits {
        if (maxConcurrentCalls < 0 || requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("model limits must be >= 0 (0 = none): " + maxConcurrentCalls + ", "
                    + requestsPerMinute + ", " + tokensPerMinute);
        }
    }
}
