package dev.backfire.orchestrator.rest;

import dev.backfire.orchestrator.service.Budgets;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.RunStatus;
import dev.backfire.orchestrator.store.StudyEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A study and its progress, as the API shows it.
 *
 * @param label      a plain statement of where the transcripts come from (the synthetic model is always named)
 * @param deviations deviations from the preregistered plan so far, by kind (GET /studies/{id}/deviations lists them)
 */
public record StudyView(String id, String name, String description, List<String> languages, String model,
                        boolean synthetic, String label, int agents, int turns, int maxConcurrentRuns,
                        String lockHash, String status, Progress progress, Map<String, Long> deviations,
                        Instant createdAt) {

    /** Runs per state and messages stored against messages expected. */
    public record Progress(long total, long pending, long running, long completed, long failed,
                           long messagesStored, long messagesExpected, long tokensUsed, long tokenBudget,
                           double costUsd, double costBudgetUsd) {
    }

    static final String SYNTHETIC_LABEL =
            "SYNTHETIC: transcripts written by the built-in synthetic model; effects come from its parameters";

    static StudyView of(StudyEntity s) {
        long pending = RunEntity.count("studyId = ?1 and status = ?2", s.id, RunStatus.PENDING);
        long running = RunEntity.count("studyId = ?1 and status = ?2", s.id, RunStatus.RUNNING);
        long completed = RunEntity.count("studyId = ?1 and status = ?2", s.id, RunStatus.COMPLETED);
        long failed = RunEntity.count("studyId = ?1 and status = ?2", s.id, RunStatus.FAILED);
        Long stored = RunEntity.getEntityManager().createQuery(
                "select coalesce(sum(r.messagesStored), 0) from RunEntity r where r.studyId = ?1", Long.class)
                .setParameter(1, s.id).getSingleResult();
        String status = pending + running == 0 ? (failed > 0 ? "FINISHED_WITH_FAILURES" : "COMPLETED")
                : running == 0 && pending > 0 && Budgets.spent(s) ? "BUDGET_EXHAUSTED"
                : (running > 0 || completed + failed > 0 ? "RUNNING" : "PENDING");
        return new StudyView(s.id, s.name, s.description, s.languageList(), s.model, s.synthetic,
                s.synthetic ? SYNTHETIC_LABEL : "model: " + s.model, s.agents, s.turns, s.maxConcurrentRuns, s.lockHash,
                status,
                new Progress(s.runCount, pending, running, completed, failed, stored,
                        (long) s.runCount * s.agents * s.turns, Budgets.tokensUsed(s.id), s.maxTotalTokens,
                        Budgets.costUsed(s.id), s.maxCostUsd),
                DeviationView.countsByKind(s.id), s.createdAt);
    }
}
