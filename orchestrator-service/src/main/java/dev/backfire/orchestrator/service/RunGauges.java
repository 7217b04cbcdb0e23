package dev.backfire.orchestrator.service;

import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.store.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Runs per study and state as gauges, refreshed from the database on every tick. */
@ApplicationScoped
public class RunGauges {
    private final MeterRegistry registry;
    private final EntityManager em;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicReference<Double>> budgetRatios =
            new ConcurrentHashMap<>();

    public RunGauges(MeterRegistry registry, EntityManager em) {
        this.registry = registry;
        this.em = em;
    }

    public void refresh() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select r.studyId, r.status, count(r) from RunEntity r group by r.studyId, r.status", Object[].class)
                .getResultList());
        values.values().forEach(v -> v.set(0));
        List<Object[]> budgets = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select s.id, s.maxTotalTokens from StudyEntity s where s.maxTotalTokens > 0", Object[].class)
                .getResultList());
        for (Object[] budget : budgets) {
            String study = (String) budget[0];
            long used = QuarkusTransaction.requiringNew().call(() -> RunDriver.tokensUsed(study));
            budgetRatios.computeIfAbsent(study, key -> {
                java.util.concurrent.atomic.AtomicReference<Double> ratio =
                        new java.util.concurrent.atomic.AtomicReference<>(0.0);
                Gauge.builder(OrchestratorMetrics.BUDGET_USED, ratio, java.util.concurrent.atomic.AtomicReference::get)
                        .tag(OrchestratorMetrics.TAG_STUDY, study)
                        .description("Share of the study's token budget spent").register(registry);
                return ratio;
            }).set((double) used / (Long) budget[1]);
        }
        for (Object[] row : rows) {
            String study = (String) row[0];
            for (RunStatus status : RunStatus.values()) {
                gauge(study, status);
            }
            gauge(study, (RunStatus) row[1]).set((Long) row[2]);
        }
    }

    private AtomicLong gauge(String study, RunStatus status) {
        return values.computeIfAbsent(study + "|" + status, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(OrchestratorMetrics.RUNS, value, AtomicLong::get)
                    .tag(OrchestratorMetrics.TAG_STUDY, study)
                    .tag(OrchestratorMetrics.TAG_STATE, status.name().toLowerCase(Locale.ROOT))
                    .description("Runs per study and state")
                    .register(registry);
            return value;
        });
    }
}
