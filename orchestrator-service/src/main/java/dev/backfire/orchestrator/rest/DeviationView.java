package dev.backfire.orchestrator.rest;

import dev.backfire.orchestrator.store.DeviationEntity;
import dev.backfire.orchestrator.store.DeviationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One logged deviation, as the API shows it; {@code turn} 0 and {@code agentId} -1 mean "not tied to one". */
public record DeviationView(String studyId, String lockHash, String runId, int turn, int agentId, DeviationKind kind,
                            String detail, Instant at) {

    static DeviationView of(DeviationEntity d) {
        return new DeviationView(d.studyId, d.lockHash, d.runId, d.turn, d.agentId, d.kind, d.detail, d.at);
    }

    /** Deviations of a study in the order they happened. */
    static List<DeviationView> of(String studyId) {
        return DeviationEntity.<DeviationEntity>list("studyId = ?1 order by id", studyId).stream()
                .map(DeviationView::of).toList();
    }

    /** How many deviations of each kind a study has logged. */
    static Map<String, Long> countsByKind(String studyId) {
        Map<String, Long> counts = new TreeMap<>();
        DeviationEntity.getEntityManager().createQuery(
                        "select d.kind, count(d) from DeviationEntity d where d.studyId = ?1 group by d.kind",
                        Object[].class)
                .setParameter(1, studyId).getResultList()
                .forEach(row -> counts.put(((DeviationKind) row[0]).name(), (Long) row[1]));
        return counts;
    }
}
