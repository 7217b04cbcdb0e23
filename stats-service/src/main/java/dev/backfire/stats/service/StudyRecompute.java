package dev.backfire.stats.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsJson;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.stats.config.StatsConfig;
import dev.backfire.stats.store.AgentRunEntity;
import dev.backfire.stats.store.ScoringSetEntity;
import dev.backfire.stats.store.StudyStateEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Recomputes a study's statistics (ANALYSIS.md, all of it) from the stored agent-run totals of its
 * included runs, once per completed run, per scoring set, and republishes the gauges of the live set.
 * After a restart the gauges are rebuilt from the stored results, so nothing is lost or counted twice.
 */
@ApplicationScoped
public class StudyRecompute {
    private static final Logger LOG = Logger.getLogger(StudyRecompute.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The results field that counts the runs they were computed from. */
    private static final String RUN_COUNT = "runCount";

    private final StatsGauges gauges;
    private final StatsConfig config;
    private final Set<Recompute> pending = ConcurrentHashMap.newKeySet();

    public StudyRecompute(StatsGauges gauges, StatsConfig config) {
        this.gauges = gauges;
        this.config = config;
    }

    /**
     * Restores the gauges from the stored results. A study whose stored results cover fewer runs than it
     * has included is recomputed first: the service was killed between counting a run's last score (one
     * transaction) and recomputing (the next), and the redelivered score is a duplicate that triggers
     * nothing, so without this the results would stay one run short for good.
     */
    void onStart(@Observes StartupEvent event) {
        List<StudyStateEntity> studies = QuarkusTransaction.requiringNew().call(() -> StudyStateEntity.listAll());
        for (StudyStateEntity study : studies) {
            if (study.includedRuns > 0 && coveredRuns(study) != study.includedRuns) {
                LOG.infof("results of %s cover %d of %d included runs: recomputing", study.studyId,
                        coveredRuns(study), study.includedRuns);
                try {
                    recompute(new Recompute(study.studyId, config.liveScoringSet()));
                } catch (RuntimeException e) {
                    // One study's trouble must not keep the service from starting; the next completed run retries.
                    LOG.errorf(e, "recomputing %s at start failed", study.studyId);
                }
            } else if (study.resultsJson != null) {
                gauges.publish(study.studyId, read(study.resultsJson));
            }
        }
    }

    /** Runs the stored results were computed from; 0 when there are none. */
    static int coveredRuns(StudyStateEntity study) {
        return coveredRuns(study.resultsJson);
    }

    private static int coveredRuns(String resultsJson) {
        return resultsJson == null ? 0 : read(resultsJson).path(RUN_COUNT).asInt(0);
    }

    /**
     * Brings a scoring set's stored results up to date with its included runs, recomputing them now when
     * runs were counted since the last round, so that a reader never gets results that miss a counted run.
     */
    public void ensureCurrent(String studyId, String scoringSet) {
        Recompute what = new Recompute(studyId, scoringSet);
        boolean lagging = QuarkusTransaction.requiringNew().call(() -> {
            if (config.liveScoringSet().equals(scoringSet)) {
                StudyStateEntity study = StudyStateEntity.findById(studyId);
                return study != null && study.includedRuns > 0 && coveredRuns(study) != study.includedRuns;
            }
            ScoringSetEntity set = ScoringSetEntity.findById(ScoringSetEntity.idOf(studyId, scoringSet));
            return set != null && set.includedRuns > 0 && coveredRuns(set.resultsJson) != set.includedRuns;
        });
        if (lagging) {
            pending.remove(what);
            recompute(what);
        }
    }

    /** Asks for a recomputation; studies asked for since the last round are recomputed once each. */
    public void request(Recompute what) {
        pending.add(what);
    }

    /** Recomputes every study asked for since the last round (the round's interval: StatsConfig#recomputeInterval). */
    @Scheduled(every = "${backfire.stats.recompute-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recomputePending() {
        for (Recompute what : List.copyOf(pending)) {
            pending.remove(what);
            try {
                recompute(what);
            } catch (RuntimeException e) {
                // Asked again by the next completed run, or at start when the stored results lag.
                LOG.errorf(e, "recomputing %s (%s) failed", what.studyId(), what.scoringSet());
            }
        }
    }

    /** Recomputes and stores the results of a study in a scoring set; one at a time, so results never go backwards. */
    public synchronized void recompute(Recompute what) {
        if (!config.liveScoringSet().equals(what.scoringSet())) {
            recomputeSet(what.studyId(), what.scoringSet());
            return;
        }
        String studyId = what.studyId();
        String json = QuarkusTransaction.requiringNew().call(() -> {
            StudyStateEntity study = StudyStateEntity.findById(studyId);
            String results = analyze(includedAgentRuns(studyId, study, config.liveScoringSet(), true), study);
            if (study != null) {
                study.resultsJson = results;
                study.updatedAt = Instant.now();
            }
            return results;
        });
        gauges.publish(studyId, read(json));
        LOG.debugf("recomputed %s", studyId);
    }

    /** A re-scoring set's results: stored beside the live ones, no gauges (dashboards show the live set). */
    private void recomputeSet(String studyId, String scoringSet) {
        QuarkusTransaction.requiringNew().run(() -> {
            StudyStateEntity study = StudyStateEntity.findById(studyId);
            ScoringSetEntity set = ScoringSetEntity.findById(ScoringSetEntity.idOf(studyId, scoringSet));
            set.resultsJson = analyze(includedAgentRuns(studyId, study, scoringSet, false), study);
            set.updatedAt = Instant.now();
        });
        LOG.debugf("recomputed %s in scoring set %s", studyId, scoringSet);
    }

    private String analyze(List<AgentRun> rows, StudyStateEntity study) {
        AnalysisOptions options = AnalysisOptions.defaults()
                .withPdiOverrides(study == null ? java.util.Map.of() : Json.readDoubles(study.pdiOverridesJson))
                .withPermutations(config.permutations())
                .withSeed(config.permutationSeed());
        return ResultsJson.write(StudyAnalyzer.analyze(rows, options));
    }

    /**
     * The agent-run rows of the study's runs included in a scoring set, languages in the study's order.
     *
     * @param live whether the set is the live one (its runs and rows predate sets and may carry no set name)
     */
    public static List<AgentRun> includedAgentRuns(String studyId, StudyStateEntity study, String scoringSet,
            boolean live) {
        List<AgentRunEntity> entities = live
                ? AgentRunEntity.list("from AgentRunEntity a where a.studyId = ?1 and "
                        + "(a.scoringSet = ?2 or a.scoringSet is null) and a.runId in "
                        + "(select r.runId from RunStateEntity r where r.studyId = ?1 and r.included = true) "
                        + "order by a.runId, a.agentId", studyId, scoringSet)
                : AgentRunEntity.list("from AgentRunEntity a where a.studyId = ?1 and a.scoringSet = ?2 and a.runId in "
                        + "(select s.runId from ScoringSetRunEntity s where s.studyId = ?1 and s.scoringSet = ?2 "
                        + "and s.included = true) order by a.runId, a.agentId", studyId, scoringSet);
        List<String> order = study == null ? List.of() : study.languageList();
        return entities.stream()
                .sorted(java.util.Comparator.comparingInt((AgentRunEntity a) -> rank(order, a.language)))
                .map(StudyRecompute::toRow).toList();
    }

    private static int rank(List<String> order, String language) {
        int i = order.indexOf(language);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static AgentRun toRow(AgentRunEntity a) {
        return new AgentRun(a.runId, a.language, a.alignmentRatio, a.replicate, String.valueOf(a.agentId),
                a.aligned, Math.toIntExact(a.talkWords), Math.toIntExact(a.monologueWords),
                Math.toIntExact(a.protectiveHits), Math.toIntExact(a.harmonyHits), Math.toIntExact(a.sexualHits),
                Math.toIntExact(a.conformityHits), Math.toIntExact(a.individuationHits));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored results are unreadable", e);
        }
    }
}
