package dev.backfire.orchestrator.admission;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides whether one more model call may start now: an orchestrator-wide cap on calls in flight, and per
 * model a cap on calls in flight, a requests-per-minute and a tokens-per-minute allowance. Calls are held
 * back, never refused: a caller asks again later (the dispatcher does so on every reply and on a short
 * timer), so dispatching pauses at a limit and resumes by itself.
 *
 * <p>Tokens are estimated before the call (prompt size and the output cap) and corrected when the reply
 * reports what was used, so a tokens-per-minute limit holds on average even though each estimate is rough.
 *
 * <p>Not thread-safe: the run driver serializes every call under its lock. Time comes from the injected
 * clock, so tests control it.
 */
public final class AdmissionGate {
    private final int maxConcurrentCalls;
    private final Function<String, ModelLimits> limitsOf;
    private final LongSupplier nanoClock;
    private final Map<String, ModelState> models = new HashMap<>();
    private int inFlight;

    /**
     * @param maxConcurrentCalls orchestrator-wide cap on calls in flight, > 0
     * @param limitsOf           the limits of a model by name ({@link ModelLimits#NONE} when it has none)
     * @param nanoClock          monotonic time in nanoseconds
     */
    public AdmissionGate(int maxConcurrentCalls, Function<String, ModelLimits> limitsOf, LongSupplier nanoClock) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, was " + maxConcurrentCalls);
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.limitsOf = limitsOf;
        this.nanoClock = nanoClock;
    }

    /**
     * Starts a call when every limit allows it, taking its share of each allowance; otherwise takes nothing
     * and names the first limit that holds it back.
     *
     * @param model           the model the call goes to
     * @param estimatedTokens estimated input plus output tokens, >= 0
     */
    public Verdict tryAcquire(String model, long estimatedTokens) {
        if (inFlight >= maxConcurrentCalls) {
            return Verdict.GLOBAL_CONCURRENCY;
        }
        ModelState state = state(model);
        if (state.limits.maxConcurrentCalls() > 0 && state.inFlight >= state.limits.maxConcurrentCalls()) {
            return Verdict.MODEL_CONCURRENCY;
        }
        long now = nanoClock.getAsLong();
        if (state.requests != null && !state.requests.canTake(1, now)) {
            return Verdict.REQUESTS_PER_MINUTE;
        }
        if (state.tokens != null && !state.tokens.canTake(estimatedTokens, now)) {
            return Verdict.TOKENS_PER_MINUTE;
        }
        if (state.requests != null) {
            state.requests.take(1);
        }
        if (state.tokens != null) {
            state.tokens.take(estimatedTokens);
        }
        state.inFlight++;
        inFlight++;
        return Verdict.ADMITTED;
    }

    /** A call admitted earlier has ended (answered, failed or abandoned): its concurrency slot is free. */
    public void release(String model) {
        ModelState state = state(model);
        if (state.inFlight > 0) {
            state.inFlight--;
            inFlight--;
        }
    }

    /** Corrects the tokens-per-minute allowance by what a finished call used beyond (or below) its estimate. */
    public void correctTokens(String model, long usedMinusEstimated) {
        ModelState state = state(model);
        if (state.tokens != null) {
            state.tokens.adjust(-usedMinusEstimated);
        }
    }

    /** Calls in flight over all models. */
    public int inFlight() {
        return inFlight;
    }

    /** Calls in flight to one model. */
    public int inFlight(String model) {
        ModelState state = models.get(model);
        return state == null ? 0 : state.inFlight;
    }

    private ModelState state(String model) {
        return models.computeIfAbsent(model, name -> new ModelState(limitsOf.apply(name), nanoClock.getAsLong()));
    }

    private static final class ModelState {
        final ModelLimits limits;
        final TokenBucket requests;
        final TokenBucket tokens;
        int inFlight;

        ModelState(ModelLimits limits, long now) {
            this.limits = limits;
            this.requests = limits.requestsPerMinute() > 0 ? new TokenBucket(limits.requestsPerMinute(), now) : null;
            this.tokens = limits.tokensPerMinute() > 0 ? new TokenBucket(limits.tokensPerMinute(), now) : null;
        }
    }
}
