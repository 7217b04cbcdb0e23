package dev.backfire.orchestrator.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admission limits with a hand-driven clock: plain JUnit, no Quarkus. */
class AdmissionGateTest {
    private long now;

    private AdmissionGate gate(int global, Map<String, ModelLimits> limits) {
        return new AdmissionGate(global, m -> limits.getOrDefault(m, ModelLimits.NONE), () -> now);
    }

    @Test
    void capsCallsInFlightGloballyAndPerModelAndFreesThemOnRelease() {
        AdmissionGate gate = gate(3, Map.of("slow", new ModelLimits(1, 0, 0)));
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("slow", 10));
        assertEquals(Verdict.MODEL_CONCURRENCY, gate.tryAcquire("slow", 10));
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("fast", 10));
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("fast", 10));
        assertEquals(Verdict.GLOBAL_CONCURRENCY, gate.tryAcquire("fast", 10));
        assertEquals(3, gate.inFlight());
        gate.release("slow");
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("slow", 10));
        assertEquals(1, gate.inFlight("slow"));
        gate.release("never-called");
        assertEquals(3, gate.inFlight(), "releasing a model with nothing in flight changes nothing");
    }

    @Test
    void requestsPerMinuteRefillWithTimeNotWithReplies() {
        AdmissionGate gate = gate(100, Map.of("m", new ModelLimits(0, 60, 0)));
        for (int i = 0; i < 60; i++) {
            assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 0), "call " + i);
            gate.release("m");
        }
        assertEquals(Verdict.REQUESTS_PER_MINUTE, gate.tryAcquire("m", 0));
        now += TimeUnit.MILLISECONDS.toNanos(999);
        assertEquals(Verdict.REQUESTS_PER_MINUTE, gate.tryAcquire("m", 0), "60/min refills one a second");
        now += TimeUnit.MILLISECONDS.toNanos(2);
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 0));
        assertEquals(Verdict.REQUESTS_PER_MINUTE, gate.tryAcquire("m", 0));
    }

    @Test
    void tokensPerMinuteTakeEstimatesAndCorrectThemWithWhatWasUsed() {
        AdmissionGate gate = gate(100, Map.of("m", new ModelLimits(0, 0, 1000)));
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 600));
        assertEquals(Verdict.TOKENS_PER_MINUTE, gate.tryAcquire("m", 600));
        // The first call used only 100 tokens: 500 come back, and 900 are available.
        gate.correctTokens("m", 100 - 600);
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 600));
        // A call that used more than estimated leaves a debt that time repays.
        gate.correctTokens("m", 900);
        assertEquals(Verdict.TOKENS_PER_MINUTE, gate.tryAcquire("m", 100));
        now += TimeUnit.SECONDS.toNanos(60);
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 100));
    }

    @Test
    void aCallLargerThanAMinutesAllowanceGoesOutWhenTheBucketIsFull() {
        AdmissionGate gate = gate(100, Map.of("m", new ModelLimits(0, 0, 100)));
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 250));
        assertEquals(Verdict.TOKENS_PER_MINUTE, gate.tryAcquire("m", 250));
        now += TimeUnit.SECONDS.toNanos(60 * 3);
        assertEquals(Verdict.ADMITTED, gate.tryAcquire("m", 250), "refilled to capacity: the big call may go");
    }

    @Test
    void aHeldCallTakesNothing() {
        AdmissionGate fresh = gate(100, Map.of("m", new ModelLimits(0, 2, 100)));
        assertEquals(Verdict.ADMITTED, fresh.tryAcquire("m", 90));
        assertEquals(Verdict.TOKENS_PER_MINUTE, fresh.tryAcquire("m", 90));
        // The held call did not spend a request: the second request of the minute is still there.
        assertEquals(Verdict.ADMITTED, fresh.tryAcquire("m", 10));
        assertEquals(Verdict.REQUESTS_PER_MINUTE, fresh.tryAcquire("m", 0));
    }

    @Test
    void refusesNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> gate(0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelLimits(-1, 0, 0));
    }
}
