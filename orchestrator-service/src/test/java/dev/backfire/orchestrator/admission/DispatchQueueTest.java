package dev.backfire.orchestrator.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.ModelSettings;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.TurnRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the orchestrator owes the agents, and in what order it pays: plain JUnit with a hand-driven clock. */
class DispatchQueueTest {
    private long now;
    private final List<String> held = new ArrayList<>();

    private static TurnRequest request(String run, int agent, String model) {
        return new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn(run, 1, agent, 0),
                new RunCondition("s", run, "en", 0.5, 1), agent, false, 1, 15,
                new ModelSettings(model, 0.7, 100, 1), "system", "user", "hash", 0);
    }

    private DispatchQueue queue(int global, Map<String, ModelLimits> limits) {
        return new DispatchQueue(new AdmissionGate(global, m -> limits.getOrDefault(m, ModelLimits.NONE), () -> now),
                () -> now);
    }

    private List<Integer> drain(DispatchQueue queue) {
        return queue.drain((model, verdict) -> held.add(model + ":" + verdict)).stream().map(TurnRequest::agentId)
                .toList();
    }

    @Test
    void releasesInArrivalOrderUpToTheCapAndMoreAsRepliesSettle() {
        DispatchQueue queue = queue(2, Map.of());
        for (int agent = 0; agent < 4; agent++) {
            queue.enqueue(request("r1", agent, "m"), 10, 0);
        }
        assertEquals(List.of(0, 1), drain(queue));
        assertEquals(List.of("m:GLOBAL_CONCURRENCY"), held);
        assertEquals(List.of(), drain(queue));
        assertTrue(queue.settle(EventIds.message("r1", 1, 1), 10).isPresent());
        assertEquals(List.of(2), drain(queue));
        assertFalse(queue.settle(EventIds.message("r1", 1, 1), 10).isPresent(), "a duplicate reply settles nothing");
        assertEquals(2, queue.inFlightCount());
        assertEquals(1, queue.queuedCount());
    }

    @Test
    void aModelAtItsLimitDoesNotHoldBackOtherModels() {
        DispatchQueue queue = queue(10, Map.of("slow", new ModelLimits(1, 0, 0)));
        queue.enqueue(request("r1", 0, "slow"), 10, 0);
        queue.enqueue(request("r1", 1, "slow"), 10, 0);
        queue.enqueue(request("r1", 2, "fast"), 10, 0);
        assertEquals(List.of(0, 2), drain(queue));
        assertEquals(List.of("slow:MODEL_CONCURRENCY"), held);
    }

    @Test
    void aReissuedRequestReplacesTheOutstandingOneAndGivesItsSlotBack() {
        DispatchQueue queue = queue(1, Map.of());
        queue.enqueue(request("r1", 0, "m"), 10, 0);
        queue.enqueue(request("r2", 0, "m"), 10, 0);
        assertEquals(List.of(0), drain(queue));
        assertEquals(1, queue.inFlightCount());
        queue.enqueue(request("r1", 0, "m"), 10, 0);
        assertEquals(0, queue.inFlightCount(), "the replaced request no longer holds the slot");
        List<TurnRequest> out = queue.drain((m, v) -> { });
        assertEquals("r2", out.get(0).condition().runId(), "arrival order: r2 was queued before the re-issue");
    }

    @Test
    void aDelayedRequestWaitsForItsTime() {
        DispatchQueue queue = queue(10, Map.of());
        queue.enqueue(request("r1", 0, "m"), 10, TimeUnit.SECONDS.toNanos(10));
        queue.enqueue(request("r1", 1, "m"), 10, 0);
        assertEquals(List.of(1), drain(queue));
        now += TimeUnit.SECONDS.toNanos(10);
        assertEquals(List.of(0), drain(queue));
    }

    @Test
    void forgetsAFinishedRunAndReportsOverdueCalls() {
        DispatchQueue queue = queue(10, Map.of());
        queue.enqueue(request("r1", 0, "m"), 10, 0);
        queue.enqueue(request("r2", 0, "m"), 10, 0);
        drain(queue);
        now += TimeUnit.SECONDS.toNanos(30);
        queue.enqueue(request("r2", 1, "m"), 10, 0);
        drain(queue);
        assertEquals(List.of("r1", "r2"), queue.overdue(TimeUnit.SECONDS.toNanos(20)).stream()
                .map(r -> r.condition().runId()).sorted().toList());
        queue.forgetRun("r2");
        assertFalse(queue.owes("r2"));
        assertTrue(queue.owes("r1"));
        assertEquals(1, queue.inFlightCount());
    }
}
