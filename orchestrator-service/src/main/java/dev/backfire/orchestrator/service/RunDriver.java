package dev.backfire.orchestrator.service;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.Event;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.orchestrator.config.OrchestratorConfig;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.RunStatus;
import dev.backfire.orchestrator.store.StudyEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Drives runs turn by turn. A run advances only when every agent's reply to the current turn is stored;
 * a reply that is already stored changes nothing. State changes commit before their events are
 * published, and anything published twice is harmless (consumers are idempotent), so a crash at any
 * point is repaired by {@link #reissueStalled()} on the next tick or after a restart.
 *
 * <p>This is the single admission controller: the global and per-study caps on runs in flight are
 * applied here, so agent replicas need no coordination. Every change to a run (a reply, an admission, a
 * re-issue) happens under one lock, outside its transaction, so no two of them interleave on a run.
 */
@ApplicationScoped
public class RunDriver {
    private static final Logger LOG = Logger.getLogger(RunDriver.class);

    private final EventPublisher publisher;
    private final TurnPlanner planner;
    private final OrchestratorConfig config;
    private final MeterRegistry registry;
    private final Object admission = new Object();

    public RunDriver(EventPublisher publisher, TurnPlanner planner, OrchestratorConfig config,
                     MeterRegistry registry) {
        this.publisher = publisher;
        this.planner = planner;
        this.config = config;
        this.registry = registry;
        // Present from the start at 0, so dashboards and alerts read 0 rather than "no data".
        registry.counter(OrchestratorMetrics.DUPLICATES_IGNORED);
        registry.counter(OrchestratorMetrics.TURNS_REISSUED);
    }

    /** Starts pending runs, in design order, while the global and per-study caps allow. */
    public void admit() {
        synchronized (admission) {
            admitLocked();
        }
    }

    private void admitLocked() {
        List<Event> outbox = QuarkusTransaction.requiringNew().call(this::admitInTransaction);
        publisher.publish(outbox);
    }

    private List<Event> admitInTransaction() {
        long running = RunEntity.count("status", RunStatus.RUNNING);
        long free = config.maxConcurrentRuns() - running;
        List<Event> outbox = new ArrayList<>();
        if (free <= 0) {
            return outbox;
        }
        Map<String, Long> runningPerStudy = RunEntity.<RunEntity>list("status", RunStatus.RUNNING).stream()
                .collect(Collectors.groupingBy(r -> r.studyId, Collectors.counting()));
        for (StudyEntity study : StudyEntity.<StudyEntity>list("order by createdAt")) {
            long studyFree = Math.min(free, study.maxConcurrentRuns - runningPerStudy.getOrDefault(study.id, 0L));
            if (studyFree <= 0 || budgetSpent(study)) {
                continue;
            }
            List<RunEntity> pending = RunEntity.find("studyId = ?1 and status = ?2 order by ordinal", study.id,
                    RunStatus.PENDING).page(0, (int) studyFree).list();
            for (RunEntity run : pending) {
                start(study, run, outbox);
                free--;
            }
            if (free <= 0) {
                break;
            }
        }
        return outbox;
    }

    /**
     * Whether the study's token budget is spent: then no further run starts, the runs in flight finish,
     * and the pending ones stay stored, so the study stops cleanly with its state kept.
     */
    public static boolean budgetSpent(StudyEntity study) {
        return study.maxTotalTokens > 0 && tokensUsed(study.id) >= study.maxTotalTokens;
    }

    /** Input plus output tokens of every stored reply of a study. */
    public static long tokensUsed(String studyId) {
        return MessageEntity.getEntityManager().createQuery(
                "select coalesce(sum(m.inputTokens + m.outputTokens), 0) from MessageEntity m, RunEntity r "
                        + "where m.runId = r.id and r.studyId = ?1", Long.class)
                .setParameter(1, studyId).getSingleResult();
    }

    private void start(StudyEntity study, RunEntity run, List<Event> outbox) {
        long now = System.currentTimeMillis();
        run.status = RunStatus.RUNNING;
        run.currentTurn = 1;
        run.currentTurnReplies = 0;
        run.turnAttempt = 0;
        run.startedAt = Instant.ofEpochMilli(now);
        run.turnIssuedAt = run.startedAt;
        outbox.add(runEvent(study, run, RunEvent.Type.STARTED, null, now));
        outbox.addAll(planner.plan(study, run, 1, List.of(), TurnPlanner.allAgents(study.agents), 0, now));
    }

    /** Stores a reply (once) and advances its run when the turn is complete. */
    public void onMessage(AgentMessage message) {
        List<Event> outbox;
        synchronized (admission) {
            outbox = QuarkusTransaction.requiringNew().call(() -> store(message));
            publisher.publish(outbox);
        }
        if (outbox.stream().anyMatch(e -> e instanceof RunEvent r && r.type() != RunEvent.Type.STARTED)) {
            admit();
        }
    }

    private List<Event> store(AgentMessage message) {
        List<Event> outbox = new ArrayList<>();
        RunEntity run = RunEntity.findById(message.condition().runId());
        if (run == null) {
            throw new IllegalArgumentException("reply " + message.eventId() + " names an unknown run");
        }
        String id = EventIds.message(run.id, message.turn(), message.agentId());
        if (MessageEntity.findById(id) != null || run.status != RunStatus.RUNNING) {
            registry.counter(OrchestratorMetrics.DUPLICATES_IGNORED).increment();
            return outbox;
        }
        StudyEntity study = StudyEntity.findById(run.studyId);
        if (message.turn() != run.currentTurn || message.agentId() >= study.agents) {
            // A reply for a turn that is not being collected cannot be a fresh one: ignore it.
            registry.counter(OrchestratorMetrics.DUPLICATES_IGNORED).increment();
            return outbox;
        }
        toEntity(message, id).persist();
        registry.counter(OrchestratorMetrics.MESSAGES_RECEIVED, OrchestratorMetrics.TAG_STUDY, study.id).increment();
        run.messagesStored++;
        run.currentTurnReplies++;
        if (run.currentTurnReplies < study.agents) {
            return outbox;
        }
        long now = System.currentTimeMillis();
        if (run.currentTurn >= study.turns) {
            run.status = RunStatus.COMPLETED;
            run.finishedAt = Instant.ofEpochMilli(now);
            outbox.add(runEvent(study, run, RunEvent.Type.COMPLETED, null, now));
            return outbox;
        }
        List<MessageEntity> previous = MessageEntity.ofTurns(run.id,
                TurnPlanner.historyStart(study, run.currentTurn + 1), run.currentTurn);
        run.currentTurn++;
        run.currentTurnReplies = 0;
        run.turnAttempt = 0;
        run.turnIssuedAt = Instant.ofEpochMilli(now);
        outbox.addAll(planner.plan(study, run, run.currentTurn, previous, TurnPlanner.allAgents(study.agents), 0,
                now));
        return outbox;
    }

    /**
     * An agent gave up on a turn request. When retrying cannot help (the model is not served) the run
     * fails now, with the agent's reason; otherwise the reason is kept and the stalled-turn repair
     * re-issues the request after the turn timeout, failing the run after the configured re-issues.
     */
    public void onTurnFailure(TurnFailure failure) {
        synchronized (admission) {
            List<Event> outbox = QuarkusTransaction.requiringNew().call(() -> {
                List<Event> events = new ArrayList<>();
                RunEntity run = RunEntity.findById(failure.condition().runId());
                if (run == null || run.status != RunStatus.RUNNING || failure.turn() != run.currentTurn) {
                    return events;
                }
                String reason = "agent " + failure.agentId() + ", turn " + failure.turn() + ": " + failure.kind()
                        + " (" + failure.model() + ", " + failure.retries() + " retries): " + failure.reason();
                registry.counter(OrchestratorMetrics.TURN_FAILURES, OrchestratorMetrics.TAG_KIND,
                        failure.kind().name().toLowerCase(java.util.Locale.ROOT)).increment();
                if (failure.kind() == TurnFailure.Kind.UNKNOWN_MODEL) {
                    long now = System.currentTimeMillis();
                    StudyEntity study = StudyEntity.findById(run.studyId);
                    run.status = RunStatus.FAILED;
                    run.finishedAt = Instant.ofEpochMilli(now);
                    run.failureReason = reason;
                    events.add(runEvent(study, run, RunEvent.Type.FAILED, reason, now));
                    LOG.warnf("run %s failed: %s", run.id, reason);
                } else {
                    run.failureReason = "last agent failure (will be re-issued): " + reason;
                }
                return events;
            });
            publisher.publish(outbox);
            if (!outbox.isEmpty()) {
                admitLocked();
            }
        }
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
        if (message.usage() != null) {
            m.inputTokens = message.usage().inputTokens();
            m.outputTokens = message.usage().outputTokens();
            m.latencyMs = message.usage().latencyMs();
            m.retries = message.usage().retries();
        }
        m.promptHash = message.promptHash();
        m.receivedAt = Instant.ofEpochMilli(message.producedAtMs());
        return m;
    }

    /**
     * Re-issues the missing requests of turns that made no progress for the configured timeout (or of
     * every running turn when {@code all} is set, as after a restart); fails a run whose turn stalled too
     * often.
     */
    public void reissueStalled(boolean all) {
        synchronized (admission) {
            reissueStalledLocked(all);
        }
    }

    private void reissueStalledLocked(boolean all) {
        List<Event> outbox = QuarkusTransaction.requiringNew().call(() -> {
            List<Event> events = new ArrayList<>();
            long now = System.currentTimeMillis();
            Instant cutoff = Instant.ofEpochMilli(now).minus(config.turnTimeout());
            List<RunEntity> stalled = all
                    ? RunEntity.list("status", RunStatus.RUNNING)
                    : RunEntity.list("status = ?1 and turnIssuedAt < ?2", RunStatus.RUNNING, cutoff);
            for (RunEntity run : stalled) {
                StudyEntity study = StudyEntity.findById(run.studyId);
                if (!all && run.turnAttempt >= config.maxTurnReissues()) {
                    run.status = RunStatus.FAILED;
                    run.finishedAt = Instant.ofEpochMilli(now);
                    run.failureReason = "turn " + run.currentTurn + " got " + run.currentTurnReplies + " of "
                            + study.agents + " replies after " + (run.turnAttempt + 1) + " attempts";
                    events.add(runEvent(study, run, RunEvent.Type.FAILED, run.failureReason, now));
                    LOG.warnf("run %s failed: %s", run.id, run.failureReason);
                    continue;
                }
                run.turnAttempt++;
                run.turnIssuedAt = Instant.ofEpochMilli(now);
                List<MessageEntity> replies = MessageEntity.ofTurn(run.id, run.currentTurn);
                Set<Integer> missing = TurnPlanner.missing(study.agents, replies);
                List<MessageEntity> previous = run.currentTurn > 1 ? MessageEntity.ofTurns(run.id,
                        TurnPlanner.historyStart(study, run.currentTurn), run.currentTurn - 1) : List.of();
                events.addAll(planner.plan(study, run, run.currentTurn, previous, missing, run.turnAttempt, now));
                registry.counter(OrchestratorMetrics.TURNS_REISSUED).increment();
            }
            return events;
        });
        publisher.publish(outbox);
        if (outbox.stream().anyMatch(RunEvent.class::isInstance)) {
            admit();
        }
    }

    static RunEvent runEvent(StudyEntity study, RunEntity run, RunEvent.Type type, String reason, long now) {
        return new RunEvent(SchemaVersions.RUN_EVENT, EventIds.run(run.id, type), type,
                new RunCondition(study.id, run.id, run.language, run.alignmentRatio, run.replicate),
                StudyContexts.of(study), study.agents, study.turns, study.agents * study.turns, run.messagesStored,
                study.synthetic, reason, now);
    }
}
