package dev.backfire.orchestrator.service;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.store.DeviationEntity;
import dev.backfire.orchestrator.store.DeviationKind;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;

/** Writes the deviation log ({@link DeviationEntity}) inside the caller's transaction, and counts it. */
@ApplicationScoped
public class Deviations {
    private final MeterRegistry registry;

    public Deviations(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A deviation of one agent's reply. */
    void record(StudyEntity study, AgentMessage message, DeviationKind kind, String detail, long nowMs) {
        write(study, message.condition().runId(), message.turn(), message.agentId(), kind, detail, nowMs);
    }

    /** A deviation of a run, at a turn (0 for none) and agent (-1 for none). */
    void record(StudyEntity study, RunEntity run, int turn, int agentId, DeviationKind kind, String detail,
                long nowMs) {
        write(study, run.id, turn, agentId, kind, detail, nowMs);
    }

    /** A study-wide deviation, written only the first time it happens. */
    void once(StudyEntity study, DeviationKind kind, String detail, long nowMs) {
        if (DeviationEntity.count("studyId = ?1 and kind = ?2", study.id, kind) == 0) {
            write(study, null, 0, -1, kind, detail, nowMs);
        }
    }

    private void write(StudyEntity study, String runId, int turn, int agentId, DeviationKind kind, String detail,
                       long nowMs) {
        DeviationEntity d = new DeviationEntity();
        d.studyId = study.id;
        d.lockHash = study.lockHash;
        d.runId = runId;
        d.turn = turn;
        d.agentId = agentId;
        d.kind = kind;
        d.detail = detail;
        d.at = Instant.ofEpochMilli(nowMs);
        d.persist();
        registry.counter(OrchestratorMetrics.DEVIATIONS, OrchestratorMetrics.TAG_KIND,
                kind.name().toLowerCase(Locale.ROOT)).increment();
    }
}
