package dev.backfire.orchestrator.service;

import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import java.util.Locale;

/**
 * A study's budgets: tokens and money, each 0 for none. Once either is spent no further run starts, the
 * runs in flight finish (so no run is left half done), and the pending ones stay stored, so the study
 * stops cleanly with its state kept. Call inside a transaction.
 */
public final class Budgets {
    private Budgets() {
    }

    /** Whether the token or the money budget of the study is spent. */
    public static boolean spent(StudyEntity study) {
        return study.maxTotalTokens > 0 && tokensUsed(study.id) >= study.maxTotalTokens
                || study.maxCostUsd > 0 && costUsed(study.id) >= study.maxCostUsd;
    }

    /** Input plus output tokens of every stored reply of a study. */
    public static long tokensUsed(String studyId) {
        return MessageEntity.getEntityManager().createQuery(
                "select coalesce(sum(m.inputTokens + m.outputTokens), 0) from MessageEntity m, RunEntity r "
                        + "where m.runId = r.id and r.studyId = ?1", Long.class)
                .setParameter(1, studyId).getSingleResult();
    }

    /** Estimated cost in US dollars of every stored reply of a study. */
    public static double costUsed(String studyId) {
        return MessageEntity.getEntityManager().createQuery(
                "select coalesce(sum(m.costUsd), 0.0) from MessageEntity m, RunEntity r "
                        + "where m.runId = r.id and r.studyId = ?1", Double.class)
                .setParameter(1, studyId).getSingleResult();
    }

    /** What was spent against which budget, for the deviation log. */
    static String describe(StudyEntity study) {
        return String.format(Locale.ROOT, "budget spent: %d of %d tokens, %.4f of %.4f USD (0 = no budget); "
                        + "pending runs were not started", tokensUsed(study.id), study.maxTotalTokens,
                costUsed(study.id), study.maxCostUsd);
    }
}
