package dev.backfire.stats.service;

import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunEvent;
import dev.backfire.stats.metrics.StatsMetrics;
import dev.backfire.stats.store.AgentRunEntity;
import dev.backfire.stats.store.MessageScoreEntity;
import dev.backfire.stats.store.ProcessedScoreEntity;
import dev.backfire.stats.store.RunStateEntity;
import dev.backfire.stats.store.StudyStateEntity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds scores and run events into the stored agent-run totals, each event exactly once. Returns the
 * study whose statistics must be recomputed when a run became complete.
 */
@ApplicationScoped
public class StatsIngest {
    static final String PROTECTIVE = "protective";
    static final String HARMONY = "protective.harmony";
    static final String SEXUAL = "sexual";
    static final String CONFORMITY = "conformity";
    static final String INDIVIDUATION = "individuation";

    private final MeterRegistry registry;

    public StatsIngest(MeterRegistry registry) {
        this.registry = registry;
        // Present from the start at 0, so dashboards read 0 rather than "no data".
        registry.counter(StatsMetrics.DUPLICATES_IGNORED);
        registry.counter(StatsMetrics.SCORES_COUNTED);
    }

    /** Counts a score once; returns the study id when this score completed an already-finished run. */
    @Transactional
    public Optional<String> onScore(MessageScore score) {
        if (ProcessedScoreEntity.findById(score.eventId()) != null) {
            registry.counter(StatsMetrics.DUPLICATES_IGNORED).increment();
            return Optional.empty();
        }
        ProcessedScoreEntity processed = new ProcessedScoreEntity();
        processed.id = score.eventId();
        processed.runId = score.condition().runId();
        processed.persist();
        storeMessageScore(score);

        String id = AgentRunEntity.idOf(score.condition().runId(), score.agentId());
        AgentRunEntity agentRun = AgentRunEntity.findById(id);
        if (agentRun == null) {
            agentRun = new AgentRunEntity();
            agentRun.id = id;
            agentRun.studyId = score.condition().studyId();
            agentRun.runId = score.condition().runId();
            agentRun.language = score.condition().language();
            agentRun.alignmentRatio = score.condition().alignmentRatio();
            agentRun.replicate = score.condition().replicate();
            agentRun.agentId = score.agentId();
            agentRun.aligned = score.aligned();
            agentRun.persist();
        }
        agentRun.talkWords += score.talk().words();
        agentRun.monologueWords += score.monologue().words();
        agentRun.protectiveHits += score.hitsOf(PROTECTIVE);
        agentRun.harmonyHits += score.hitsOf(HARMONY);
        agentRun.sexualHits += score.hitsOf(SEXUAL);
        agentRun.conformityHits += score.hitsOf(CONFORMITY);
        agentRun.individuationHits += score.hitsOf(INDIVIDUATION);
        agentRun.messages++;

        RunStateEntity run = runState(score.condition().runId(), score.condition().studyId());
        run.language = score.condition().language();
        run.alignmentRatio = score.condition().alignmentRatio();
        run.replicate = score.condition().replicate();
        run.scoredMessages++;
        StudyStateEntity study = StudyStateEntity.findById(score.condition().studyId());
        if (study != null) {
            study.scorerVersion = score.scorerVersion();
            study.lexiconVersions = mergeVersion(study.lexiconVersions, score.lexiconVersion());
        }
        registry.counter(StatsMetrics.SCORES_COUNTED).increment();
        return includeIfReady(run);
    }

    /** Records a run's lifecycle event once; returns the study id when the run is now complete. */
    @Transactional
    public Optional<String> onRunEvent(RunEvent event) {
        StudyStateEntity study = StudyStateEntity.findById(event.condition().studyId());
        if (study == null) {
            study = new StudyStateEntity();
            study.studyId = event.condition().studyId();
            study.persist();
        }
        study.name = event.study().studyName();
        study.languages = String.join(",", event.study().languages());
        study.totalRuns = event.study().totalRuns();
        study.pdiOverridesJson = Json.write(event.study().pdiOverrides());
        study.synthetic = event.synthetic();
        study.lockHash = event.study().lockHash();
        study.updatedAt = Instant.now();

        RunStateEntity run = runState(event.condition().runId(), event.condition().studyId());
        run.language = event.condition().language();
        run.alignmentRatio = event.condition().alignmentRatio();
        run.replicate = event.condition().replicate();
        switch (event.type()) {
            case STARTED -> { }
            case COMPLETED -> {
                run.completed = true;
                run.expectedMessages = event.expectedMessages();
            }
            case FAILED -> {
                if (!run.failed) {
                    run.failed = true;
                    study.failedRuns++;
                }
            }
        }
        return includeIfReady(run);
    }

    /** Keeps the message's own scores for the console's transcript viewer (GET /runs/{id}/scores). */
    private static void storeMessageScore(MessageScore score) {
        MessageScoreEntity message = new MessageScoreEntity();
        message.id = score.eventId();
        message.studyId = score.condition().studyId();
        message.runId = score.condition().runId();
        message.language = score.condition().language();
        message.scoringSet = score.scoringSet();
        message.turn = score.turn();
        message.agentId = score.agentId();
        message.aligned = score.aligned();
        message.synthetic = score.synthetic();
        message.talkWords = score.talk().words();
        message.monologueWords = score.monologue().words();
        message.talkHitsJson = Json.write(new TreeMap<>(score.talk().hits()));
        message.monologueHitsJson = Json.write(new TreeMap<>(score.monologue().hits()));
        message.monoRatio = score.monoRatio();
        message.provisionalCpi = score.provisionalCpi();
        message.provisionalDi = score.provisionalDi();
        message.scorerVersion = score.scorerVersion();
        message.lexiconVersion = score.lexiconVersion();
        message.persist();
    }

    private static RunStateEntity runState(String runId, String studyId) {
        RunStateEntity run = RunStateEntity.findById(runId);
        if (run == null) {
            run = new RunStateEntity();
            run.runId = runId;
            run.studyId = studyId;
            run.persist();
        }
        return run;
    }

    private static Optional<String> includeIfReady(RunStateEntity run) {
        if (!run.readyToInclude()) {
            return Optional.empty();
        }
        run.included = true;
        StudyStateEntity study = StudyStateEntity.findById(run.studyId);
        if (study != null) {
            study.includedRuns++;
        }
        return Optional.of(run.studyId);
    }

    /**
     * Adds a lexicon version to the study's list, kept sorted: two runs of the same study must report the
     * same provenance whichever language's scores arrived first.
     */
    static String mergeVersion(String versions, String version) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        if (versions != null && !versions.isEmpty()) {
            all.addAll(java.util.Arrays.asList(versions.split(",")));
        }
        all.add(version);
        return String.join(",", all);
    }
}
