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
import java.util.concurrent.atomic.AtomicReference;

/** Runs per study and state as gauges, refreshed from the database on every tick. */
@ApplicationScoped
public class RunGauges {
    private final MeterRegistry registry;
    private final EntityManager em;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> budgetRatios = new ConcurrentHashMap<>();

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
                "select s.id, s.maxTotalTokens, s.maxCostUsd from StudyEntity s "
                        + "where s.maxTotalTokens > 0 or s.maxCostUsd > 0", Object[].class)
                .getResultList());
        for (Object[] budget : budgets) {
            String study = (String) budget[0];
            long tokenBudget = (Long) budget[1];
            double costBudget = (Double) budget[2];
            if (tokenBudget > 0) {
                long used = QuarkusTransaction.requiringNew().call(() -> Budgets.tokensUsed(study));
                ratio(OrchestratorMetrics.BUDGET_USED, study, "Share of the study's token budget spent")
                        .set((double) used / tokenBudget);
            }
            if (costBudget > 0) {
                double used = QuarkusTransaction.requiringNew().call(() -> Budgets.costUsed(study));
                ratio(OrchestratorMetrics.COST_BUDGET_USED, study, "Share of the study's money budget spent")
                        .set(used / costBudget);
            }
        }
        for (Object[] row : rows) {
            String study = (String) row[0];
            for (RunStatus status : RunStatus.values()) {
                gauge(study, status);
            }
            gauge(study, (RunStatus) row[1]).set((Long) row[2]);
        }
    }

    private AtomicReference<Double> ratio(String name, String study, String description) {
        return budgetRatios.computeIfAbsent(name + "|" + study, key -> {
            AtomicReference<Double> ratio = new AtomicReference<>(0.0);
            Gauge.builder(name, ratio, AtomicReference::get).tag(OrchestratorMetrics.TAG_STUDY, study)
                    .description(description).register(registry);
            return ratio;
        });
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
