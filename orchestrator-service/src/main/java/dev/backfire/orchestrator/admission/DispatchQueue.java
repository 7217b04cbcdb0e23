package dev.backfire.orchestrator.admission;

import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.TurnRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The turn requests the orchestrator owes the agents: queued ones wait for the {@link AdmissionGate},
 * in-flight ones wait for their reply. One entry per (run, turn, agent), keyed like the reply's event id
 * ({@link EventIds#message}), so a re-issued request replaces the one before it and a reply settles
 * whichever is outstanding.
 *
 * <p>Queued requests leave in arrival order; a request whose model is held back by one of the model's own
 * limits does not hold back requests to other models, while the orchestrator-wide cap stops the drain.
 * A request may carry a not-before time (a turn retried after an agent gave up on it).
 *
 * <p>Memory only: after a restart the run driver rebuilds it from the database (every running turn's
 * missing replies are planned again). Not thread-safe: the run driver serializes every call.
 */
public final class DispatchQueue {
    private final AdmissionGate gate;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> queued = new LinkedHashMap<>();
    private final Map<String, Entry> inFlight = new HashMap<>();
    private final Map<String, Set<String>> keysByRun = new HashMap<>();

    /** A request the orchestrator owes, with what admission needs to know of it. */
    public record Entry(TurnRequest request, long estimatedTokens, long notBeforeNanos, long dispatchedAtNanos) {
        String model() {
            return request.settings().model();
        }

        String runId() {
            return request.condition().runId();
        }
    }

    public DispatchQueue(AdmissionGate gate, LongSupplier nanoClock) {
        this.gate = gate;
        this.nanoClock = nanoClock;
    }

    /** The key of a request: the event id its reply will carry. */
    public static String keyOf(TurnRequest request) {
        return EventIds.message(request.condition().runId(), request.turn(), request.agentId());
    }

    /**
     * Queues a request, replacing any request outstanding for the same run, turn and agent (an in-flight one
     * gives its concurrency slot back: its reply, should it still come, is accepted all the same).
     *
     * @param estimatedTokens estimated input plus output tokens of the call
     * @param delayNanos      how long the request must wait before it may leave (0 = at once)
     */
    public void enqueue(TurnRequest request, long estimatedTokens, long delayNanos) {
        String key = keyOf(request);
        remove(key);
        queued.put(key, new Entry(request, estimatedTokens, nanoClock.getAsLong() + delayNanos, 0));
        keysByRun.computeIfAbsent(request.condition().runId(), run -> new HashSet<>()).add(key);
    }

    /**
     * Moves every queued request the gate admits to in flight, in arrival order.
     *
     * @param onHeld told of each (model, limit) that held a request back in this drain
     * @return the requests to publish now
     */
    public List<TurnRequest> drain(BiConsumer<String, Verdict> onHeld) {
        List<TurnRequest> admitted = new ArrayList<>();
        if (queued.isEmpty()) {
            return admitted;
        }
        long now = nanoClock.getAsLong();
        Set<String> heldModels = new HashSet<>();
        Iterator<Map.Entry<String, Entry>> it = queued.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            Entry entry = e.getValue();
            if (entry.notBeforeNanos() > now || heldModels.contains(entry.model())) {
                continue;
            }
            Verdict verdict = gate.tryAcquire(entry.model(), entry.estimatedTokens());
            if (verdict == Verdict.ADMITTED) {
                it.remove();
                inFlight.put(e.getKey(), new Entry(entry.request(), entry.estimatedTokens(), entry.notBeforeNanos(),
                        now));
                admitted.add(entry.request());
            } else {
                onHeld.accept(entry.model(), verdict);
                if (verdict == Verdict.GLOBAL_CONCURRENCY) {
                    break;
                }
                heldModels.add(entry.model());
            }
        }
        return admitted;
    }

    /**
     * Settles the request a reply (or a definitive failure) answers: an in-flight one frees its slot and has
     * its token estimate corrected by what was used.
     *
     * @param key        the reply's event id
     * @param usedTokens tokens the call used, or -1 when unknown
     * @return the request that was outstanding, if any
     */
    public Optional<Entry> settle(String key, long usedTokens) {
        Entry entry = inFlight.get(key);
        if (entry != null && usedTokens >= 0) {
            gate.correctTokens(entry.model(), usedTokens - entry.estimatedTokens());
        }
        return Optional.ofNullable(remove(key));
    }

    /** The token estimate a request was queued with (0 when it is not outstanding). */
    public long estimateOf(TurnRequest request) {
        String key = keyOf(request);
        Entry entry = inFlight.containsKey(key) ? inFlight.get(key) : queued.get(key);
        return entry == null ? 0 : entry.estimatedTokens();
    }

    /** Drops everything owed to a run (it completed or failed). */
    public void forgetRun(String runId) {
        Set<String> keys = keysByRun.get(runId);
        if (keys != null) {
            for (String key : List.copyOf(keys)) {
                remove(key);
            }
        }
    }

    /** In-flight requests published more than {@code timeoutNanos} ago and still unanswered. */
    public List<TurnRequest> overdue(long timeoutNanos) {
        long cutoff = nanoClock.getAsLong() - timeoutNanos;
        return inFlight.values().stream().filter(e -> e.dispatchedAtNanos() < cutoff).map(Entry::request).toList();
    }

    /** Whether anything is queued or in flight for the run. */
    public boolean owes(String runId) {
        Set<String> keys = keysByRun.get(runId);
        return keys != null && !keys.isEmpty();
    }

    public int queuedCount() {
        return queued.size();
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    private Entry remove(String key) {
        Entry entry = queued.remove(key);
        if (entry == null) {
            entry = inFlight.remove(key);
            if (entry != null) {
                gate.release(entry.model());
            }
        }
        if (entry != null) {
            Set<String> keys = keysByRun.get(entry.runId());
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    keysByRun.remove(entry.runId());
                }
            }
        }
        return entry;
    }
}
