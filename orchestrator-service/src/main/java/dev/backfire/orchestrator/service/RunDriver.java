package dev.backfire.orchestrator.service;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.orchestrator.config.OrchestratorConfig;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.store.DeviationKind;
import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.RunStatus;
import dev.backfire.orchestrator.store.StudyEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Drives runs turn by turn. A run advances only when every agent's reply to the current turn is stored;
 * a reply that is already stored changes nothing. Replies are taken in batches (one transaction per
 * batch of the consumer's poll), state changes commit before anything is published, run events go
 * through the {@link Outbox}, and turn requests through the {@link CallDispatcher}'s admission. Anything
 * published twice is harmless (consumers are idempotent), and anything lost is planned again from the
 * stored state by {@link #reissueStalled} on the next tick or after a restart.
 *
 * <p>This is the single admission controller: the global and per-study caps on runs in flight, the
 * budgets, and (through the dispatcher) the limits on model calls are applied here, so agent replicas need
 * no coordination. Every change to a run (a reply, an admission, a re-issue) happens under one lock,
 * outside its transaction, so no two of them interleave on a run.
 */
@ApplicationScoped
public class RunDriver {
    private static final Logger LOG = Logger.getLogger(RunDriver.class);
    /** Retries of a transient failure (database) of storing a batch of replies. */
    static final int STORE_RETRIES = 5;
    static final long STORE_RETRY_DELAY_MS = 200;

    private final Outbox outbox;
    private final CallDispatcher dispatcher;
    private final TurnPlanner planner;
    private final Deviations deviations;
    private final OrchestratorConfig config;
    private final MeterRegistry registry;
    private final Object lock = new Object();

    public RunDriver(Outbox outbox, CallDispatcher dispatcher, TurnPlanner planner, Deviations deviations,
                     OrchestratorConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.planner = planner;
        this.deviations = deviations;
        this.config = config;
        this.registry = registry;
        // Present from the start at 0, so dashboards and alerts read 0 rather than "no data".
        registry.counter(OrchestratorMetrics.DUPLICATES_IGNORED);
        registry.counter(OrchestratorMetrics.TURNS_REISSUED);
        registry.counter(OrchestratorMetrics.TURNS_RETRIED);
    }

    /** What one transaction decided: events to publish, requests to queue, runs that ended. */
    private static final class Outcome {
        final List<RunEvent> events = new ArrayList<>();
        final List<TurnPlanner.PlannedRequest> requests = new ArrayList<>();
        final List<TurnPlanner.PlannedRequest> retries = new ArrayList<>();
        final Set<String> endedRuns = new LinkedHashSet<>();
        final List<AgentMessage> unplaceable = new ArrayList<>();
    }

    /** Starts pending runs, in design order, while the global and per-study caps and the budgets allow. */
    public void admit() {
        synchronized (lock) {
            deliver(QuarkusTransaction.requiringNew().call(this::admitInTransaction));
        }
    }

    /** Offers held-back turn requests to the limits again (an allowance may have refilled). */
    public void drain() {
        synchronized (lock) {
            dispatcher.drain();
        }
    }

    private Outcome admitInTransaction() {
        Outcome outcome = new Outcome();
        long running = RunEntity.count("status", RunStatus.RUNNING);
        long free = config.maxConcurrentRuns() - running;
        if (free <= 0) {
            return outcome;
        }
        Map<String, Long> runningPerStudy = RunEntity.<RunEntity>list("status", RunStatus.RUNNING).stream()
                .collect(Collectors.groupingBy(r -> r.studyId, Collectors.counting()));
        List<String> withPending = RunEntity.getEntityManager().createQuery(
                "select distinct r.studyId from RunEntity r where r.status = ?1", String.class)
                .setParameter(1, RunStatus.PENDING).getResultList();
        List<StudyEntity> studies = withPending.isEmpty() ? List.of()
                : StudyEntity.list("id in ?1 order by createdAt", withPending);
        long now = System.currentTimeMillis();
        for (StudyEntity study : studies) {
            long studyFree = Math.min(free, study.maxConcurrentRuns - runningPerStudy.getOrDefault(study.id, 0L));
            if (studyFree <= 0) {
                continue;
            }
            if (Budgets.spent(study)) {
                deviations.once(study, DeviationKind.BUDGET_EXHAUSTED, Budgets.describe(study), now);
                continue;
            }
            List<RunEntity> pending = RunEntity.find("studyId = ?1 and status = ?2 order by ordinal", study.id,
                    RunStatus.PENDING).page(0, (int) studyFree).list();
            for (RunEntity run : pending) {
                start(study, run, outcome, now);
                free--;
            }
            if (free <= 0) {
                break;
            }
        }
        return outcome;
    }

    private void start(StudyEntity study, RunEntity run, Outcome outcome, long now) {
        run.status = RunStatus.RUNNING;
        run.currentTurn = 1;
        run.currentTurnReplies = 0;
        run.turnAttempt = 0;
        run.startedAt = Instant.ofEpochMilli(now);
        run.turnIssuedAt = run.startedAt;
        event(study, run, RunEvent.Type.STARTED, null, now, outcome);
        outcome.requests.addAll(planner.plan(study, run, 1, List.of(), planner.toAsk(study, run, List.of()), 0, now));
    }

    /**
     * Stores a batch of replies (each once) and advances every run whose turn they complete.
     *
     * <p>A database failure is retried (the batch is idempotent); when it persists the exception reaches the
     * consumer, whose failure strategy sends the batch to the dead-letter topic, and the turns those replies
     * belonged to are re-issued after the turn timeout, so no run is left waiting.
     *
     * @return the replies that name no known run; the caller sends them to the dead-letter topic
     */
    @Retry(maxRetries = STORE_RETRIES, delay = STORE_RETRY_DELAY_MS)
    public List<AgentMessage> onMessages(List<AgentMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        synchronized (lock) {
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> store(messages));
            for (AgentMessage message : messages) {
                long used = message.usage() == null ? -1
                        : (long) message.usage().inputTokens() + message.usage().outputTokens();
                dispatcher.settle(key(message), used);
            }
            deliver(outcome);
            return outcome.unplaceable;
        }
    }

    private Outcome store(List<AgentMessage> messages) {
        Outcome outcome = new Outcome();
        Set<String> keys = messages.stream().map(RunDriver::key).collect(Collectors.toSet());
        Set<String> stored = new HashSet<>(MessageEntity.getEntityManager()
                .createQuery("select m.id from MessageEntity m where m.id in ?1", String.class)
                .setParameter(1, keys).getResultList());
        Set<String> runIds = messages.stream().map(m -> m.condition().runId()).collect(Collectors.toSet());
        Map<String, RunEntity> runs = RunEntity.<RunEntity>list("id in ?1", runIds).stream()
                .collect(Collectors.toMap(r -> r.id, r -> r));
        Map<String, StudyEntity> studies = new HashMap<>();
        Set<RunEntity> turnDone = new LinkedHashSet<>();
        Set<RunEntity> nextSpeaker = new LinkedHashSet<>();
        long now = System.currentTimeMillis();
        for (AgentMessage message : messages) {
            RunEntity run = runs.get(message.condition().runId());
            if (run == null) {
                outcome.unplaceable.add(message);
                continue;
            }
            StudyEntity study = studies.computeIfAbsent(run.studyId, id -> StudyEntity.findById(id));
            String id = key(message);
            if (!stored.add(id) || run.status != RunStatus.RUNNING || message.turn() != run.currentTurn
                    || message.agentId() >= study.agents) {
                // Stored already, or for a turn that is not being collected: a redelivery or the answer to a
                // re-issued request. Either way nothing new.
                registry.counter(OrchestratorMetrics.DUPLICATES_IGNORED).increment();
                continue;
            }
            toEntity(message, id).persist();
            noteDeviations(study, message, now);
            registry.counter(OrchestratorMetrics.MESSAGES_RECEIVED, OrchestratorMetrics.TAG_STUDY, study.id).increment();
            run.messagesStored++;
            run.currentTurnReplies++;
            if (run.currentTurnReplies >= study.agents) {
                turnDone.add(run);
            } else if (study.sequential()) {
                nextSpeaker.add(run);
            }
        }
        nextSpeaker.removeAll(turnDone);
        List<RunEntity> toPlan = new ArrayList<>(nextSpeaker);
        for (RunEntity run : turnDone) {
            StudyEntity study = studies.get(run.studyId);
            if (run.currentTurn >= study.turns) {
                end(study, run, RunStatus.COMPLETED, null, now, outcome);
                continue;
            }
            run.currentTurn++;
            run.currentTurnReplies = 0;
            run.turnAttempt = 0;
            run.turnIssuedAt = Instant.ofEpochMilli(now);
            toPlan.add(run);
        }
        Map<String, List<MessageEntity>> history = history(toPlan, studies);
        for (RunEntity run : toPlan) {
            StudyEntity study = studies.get(run.studyId);
            List<MessageEntity> runHistory = history.getOrDefault(run.id, List.of());
            List<MessageEntity> turnReplies = runHistory.stream().filter(m -> m.turn == run.currentTurn).toList();
            outcome.requests.addAll(planner.plan(study, run, run.currentTurn, runHistory,
                    planner.toAsk(study, run, turnReplies), 0, now));
        }
        return outcome;
    }

    private void noteDeviations(StudyEntity study, AgentMessage message, long now) {
        if (message.usage() != null && message.usage().retries() > 0) {
            deviations.record(study, message, DeviationKind.CALL_RETRIED,
                    message.usage().retries() + " retries before the provider answered", now);
        }
        if (message.parseFailed()) {
            deviations.record(study, message, DeviationKind.PARSE_FAILED,
                    "the reply could not be split into talk and monologue; stored with the flag", now);
        }
        if (message.languageMismatch()) {
            deviations.record(study, message, DeviationKind.LANGUAGE_MISMATCH,
                    "the reply is not in " + message.condition().language() + "; stored with the flag", now);
        }
    }

    /**
     * Each run's stored replies from the first turn its next prompt shows up to its current turn (whose
     * replies so far a sequential turn's next speaker hears), in one query for the whole batch.
     */
    private static Map<String, List<MessageEntity>> history(List<RunEntity> runs, Map<String, StudyEntity> studies) {
        if (runs.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> firstTurn = new HashMap<>();
        for (RunEntity run : runs) {
            firstTurn.put(run.id, TurnPlanner.historyStart(studies.get(run.studyId), run.currentTurn));
        }
        int from = firstTurn.values().stream().mapToInt(Integer::intValue).min().orElse(1);
        List<MessageEntity> rows = MessageEntity.list("runId in ?1 and turn >= ?2 order by runId, turn, agentId",
                firstTurn.keySet(), from);
        Map<String, Integer> currentTurn = runs.stream().collect(Collectors.toMap(r -> r.id, r -> r.currentTurn));
        Map<String, List<MessageEntity>> byRun = new LinkedHashMap<>();
        for (MessageEntity m : rows) {
            if (m.turn >= firstTurn.get(m.runId) && m.turn <= currentTurn.get(m.runId)) {
                byRun.computeIfAbsent(m.runId, id -> new ArrayList<>()).add(m);
            }
        }
        return byRun;
    }

    /**
     * An agent gave up on a turn request. When retrying cannot help (the model is not served) the run fails
     * now, with the agent's reason; otherwise the request is sent again after the turn retry delay, and
     * the run fails with the reason once its turn has been re-sent the configured number of times.
     */
    public void onTurnFailure(TurnFailure failure) {
        synchronized (lock) {
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                Outcome o = new Outcome();
                RunEntity run = RunEntity.findById(failure.condition().runId());
                if (run == null || run.status != RunStatus.RUNNING || failure.turn() != run.currentTurn) {
                    return o;
                }
                StudyEntity study = StudyEntity.findById(run.studyId);
                String reason = "agent " + failure.agentId() + ", turn " + failure.turn() + ": " + failure.kind()
                        + " (" + failure.model() + ", " + failure.retries() + " retries): " + failure.reason();
                registry.counter(OrchestratorMetrics.TURN_FAILURES, OrchestratorMetrics.TAG_KIND,
                        failure.kind().name().toLowerCase(Locale.ROOT)).increment();
                long now = System.currentTimeMillis();
                if (failure.kind() == TurnFailure.Kind.UNKNOWN_MODEL) {
                    end(study, run, RunStatus.FAILED, reason, now, o);
                } else if (run.turnAttempt >= config.maxTurnReissues()) {
                    end(study, run, RunStatus.FAILED, reason + " (turn sent " + (run.turnAttempt + 1) + " times)",
                            now, o);
                } else {
                    run.turnAttempt++;
                    run.failureReason = "last agent failure (sent again): " + reason;
                    deviations.record(study, run, failure.turn(), failure.agentId(), DeviationKind.TURN_RETRIED,
                            reason, now);
                    registry.counter(OrchestratorMetrics.TURNS_RETRIED).increment();
                    o.retries.addAll(planner.plan(study, run, run.currentTurn, history(study, run),
                            Set.of(failure.agentId()), run.turnAttempt, now));
                }
                return o;
            });
            dispatcher.settle(EventIds.message(failure.condition().runId(), failure.turn(), failure.agentId()), -1);
            deliver(outcome);
        }
    }

    /**
     * Sends again what a run is owed but nobody is working on: with {@code all} (at start-up, when the
     * in-memory queue is empty) the missing replies of every running turn; otherwise the requests in flight
     * for longer than the turn timeout, and the missing replies of running turns that made no progress for
     * that long with nothing queued or in flight. A turn re-sent too often fails its run.
     */
    public void reissueStalled(boolean all) {
        synchronized (lock) {
            deliver(QuarkusTransaction.requiringNew().call(() -> all ? resumeAll() : repairStalled()));
        }
    }

    private Outcome resumeAll() {
        Outcome outcome = new Outcome();
        long now = System.currentTimeMillis();
        for (RunEntity run : RunEntity.<RunEntity>list("status", RunStatus.RUNNING)) {
            StudyEntity study = StudyEntity.findById(run.studyId);
            List<MessageEntity> replies = MessageEntity.ofTurn(run.id, run.currentTurn);
            run.turnIssuedAt = Instant.ofEpochMilli(now);
            outcome.requests.addAll(planner.plan(study, run, run.currentTurn, history(study, run),
                    planner.toAsk(study, run, replies), run.turnAttempt, now));
        }
        return outcome;
    }

    private Outcome repairStalled() {
        Outcome outcome = new Outcome();
        long now = System.currentTimeMillis();
        Map<String, Set<Integer>> overdue = new LinkedHashMap<>();
        for (TurnRequest request : dispatcher.overdue(config.turnTimeout())) {
            overdue.computeIfAbsent(request.condition().runId(), id -> new HashSet<>()).add(request.agentId());
        }
        Instant cutoff = Instant.ofEpochMilli(now).minus(config.turnTimeout());
        for (RunEntity run : RunEntity.<RunEntity>list("status = ?1 and turnIssuedAt < ?2", RunStatus.RUNNING, cutoff)) {
            if (!dispatcher.owes(run.id)) {
                overdue.putIfAbsent(run.id, null);
            }
        }
        for (Map.Entry<String, Set<Integer>> stalled : overdue.entrySet()) {
            RunEntity run = RunEntity.findById(stalled.getKey());
            if (run == null || run.status != RunStatus.RUNNING) {
                continue;
            }
            StudyEntity study = StudyEntity.findById(run.studyId);
            List<MessageEntity> replies = MessageEntity.ofTurn(run.id, run.currentTurn);
            if (run.turnAttempt >= config.maxTurnReissues()) {
                end(study, run, RunStatus.FAILED, "turn " + run.currentTurn + " got " + replies.size() + " of "
                        + study.agents + " replies after " + (run.turnAttempt + 1) + " attempts", now, outcome);
                continue;
            }
            Set<Integer> agents = stalled.getValue() != null ? stalled.getValue() : planner.toAsk(study, run, replies);
            Set<Integer> answered = replies.stream().map(m -> m.agentId).collect(Collectors.toSet());
            agents.removeAll(answered);
            if (agents.isEmpty()) {
                continue;
            }
            run.turnAttempt++;
            run.turnIssuedAt = Instant.ofEpochMilli(now);
            deviations.record(study, run, run.currentTurn, -1, DeviationKind.TURN_REISSUED, "no reply from agents "
                    + agents.stream().sorted().toList() + " within " + config.turnTimeout().toSeconds() + " s", now);
            outcome.requests.addAll(planner.plan(study, run, run.currentTurn, history(study, run), agents,
                    run.turnAttempt, now));
            registry.counter(OrchestratorMetrics.TURNS_REISSUED).increment();
        }
        return outcome;
    }

    /** The replies a prompt of the run's current turn may show: the context window and the current turn so far. */
    private static List<MessageEntity> history(StudyEntity study, RunEntity run) {
        return MessageEntity.ofTurns(run.id, TurnPlanner.historyStart(study, run.currentTurn), run.currentTurn);
    }

    private void end(StudyEntity study, RunEntity run, RunStatus status, String reason, long now, Outcome outcome) {
        run.status = status;
        run.finishedAt = Instant.ofEpochMilli(now);
        if (status == RunStatus.FAILED) {
            run.failureReason = reason;
            deviations.record(study, run, run.currentTurn, -1, DeviationKind.RUN_FAILED, reason, now);
            LOG.warnf("run %s failed: %s", run.id, reason);
        } else {
            run.failureReason = null;
        }
        event(study, run, status == RunStatus.COMPLETED ? RunEvent.Type.COMPLETED : RunEvent.Type.FAILED, reason, now,
                outcome);
        outcome.endedRuns.add(run.id);
    }

    private void event(StudyEntity study, RunEntity run, RunEvent.Type type, String reason, long now, Outcome outcome) {
        RunEvent event = runEvent(study, run, type, reason, now);
        outbox.add(event);
        outcome.events.add(event);
    }

    /** Publishes what a committed transaction decided; admits new runs when some ended. Called under the lock. */
    private void deliver(Outcome outcome) {
        outcome.endedRuns.forEach(dispatcher::forgetRun);
        outbox.deliver(outcome.events);
        dispatcher.enqueue(outcome.requests, Duration.ZERO);
        dispatcher.enqueue(outcome.retries, config.turnRetryDelay());
        dispatcher.drain();
        if (!outcome.endedRuns.isEmpty()) {
            deliver(QuarkusTransaction.requiringNew().call(this::admitInTransaction));
        }
    }

    private static String key(AgentMessage message) {
        return EventIds.message(message.condition().runId(), message.turn(), message.agentId());
    }

    private static MessageEntity toEntity(AgentMessage message, String id) {
        MessageEntity m = new MessageEntity();
        m.id = id;
        m.runId = message.condition().runId();
        m.turn = message.turn();
        m.agentId = message.agentId();
        m.aligned = message.aligned();
        m.talk = message.talk();
        m.monologue = message.monologue();
        m.model = message.model();
        m.modelFingerprint = message.modelFingerprint();
        m.synthetic = message.synthetic();
        m.parseFailed = message.parseFailed();
        m.languageMismatch = message.languageMismatch();
        m.intendedHitsJson = message.intendedHits() == null ? null
                : StudyContexts.json(new TreeMap<>(message.intendedHits()));
        if (message.usage() != null) {
            m.inputTokens = message.usage().inputTokens();
            m.outputTokens = message.usage().outputTokens();
            m.latencyMs = message.usage().latencyMs();
            m.retries = message.usage().retries();
            m.costUsd = message.usage().costUsd();
        }
        m.promptHash = message.promptHash();
        m.receivedAt = Instant.ofEpochMilli(message.producedAtMs());
        return m;
    }

    static RunEvent runEvent(StudyEntity study, RunEntity run, RunEvent.Type type, String reason, long now) {
        return new RunEvent(SchemaVersions.RUN_EVENT, EventIds.run(run.id, type), type,
                new RunCondition(study.id, run.id, run.language, run.alignmentRatio, run.replicate),
                StudyContexts.of(study), study.agents, study.turns, study.agents * study.turns, run.messagesStored,
                study.synthetic, reason, now);
    }
}
