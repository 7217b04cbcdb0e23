package dev.backfire.stats.service;

import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunEvent;
import dev.backfire.stats.config.StatsConfig;
import dev.backfire.stats.metrics.StatsMetrics;
import dev.backfire.stats.store.AgentRunEntity;
import dev.backfire.stats.store.MessageScoreEntity;
import dev.backfire.stats.store.ProcessedScoreEntity;
import dev.backfire.stats.store.RunStateEntity;
import dev.backfire.stats.store.ScoringSetEntity;
import dev.backfire.stats.store.ScoringSetRunEntity;
import dev.backfire.stats.store.StudyStateEntity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds scores and run events into the stored agent-run totals, each event exactly once, per scoring set:
 * the live set's totals and every re-scoring set's are kept apart. Returns the (study, set) pairs whose
 * statistics must be recomputed because a run became complete in them.
 */
@ApplicationScoped
public class StatsIngest {
    static final String PROTECTIVE = "protective";
    static final String HARMONY = "protective.harmony";
    static final String SEXUAL = "sexual";
    static final String CONFORMITY = "conformity";
    static final String INDIVIDUATION = "individuation";

    private final MeterRegistry registry;
    private final String liveSet;

    public StatsIngest(MeterRegistry registry, StatsConfig config) {
        this.registry = registry;
        this.liveSet = config.liveScoringSet();
        // Present from the start at 0, so dashboards read 0 rather than "no data".
        registry.counter(StatsMetrics.DUPLICATES_IGNORED);
        registry.counter(StatsMetrics.SCORES_COUNTED);
    }

    /** Counts a score once; returns what to recompute when this score completed an already-finished run. */
    @Transactional
    public List<Recompute> onScore(MessageScore score) {
        return onScores(List.of(score));
    }

    /**
     * Counts a batch of scores in one transaction, each score once (a redelivered or duplicated one, even
     * within the batch, changes nothing); returns what to recompute because runs became complete. The rows
     * the batch touches are read in one query per kind first, so a score costs its inserts and updates only.
     */
    @Transactional
    public List<Recompute> onScores(List<MessageScore> scores) {
        if (scores.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>(ProcessedScoreEntity.getEntityManager()
                .createQuery("select p.id from ProcessedScoreEntity p where p.id in ?1", String.class)
                .setParameter(1, scores.stream().map(MessageScore::eventId).toList()).getResultList());
        warm(scores);
        Set<Recompute> recompute = new LinkedHashSet<>();
        for (MessageScore score : scores) {
            if (!seen.add(score.eventId())) {
                registry.counter(StatsMetrics.DUPLICATES_IGNORED).increment();
                continue;
            }
            ProcessedScoreEntity processed = new ProcessedScoreEntity();
            processed.id = score.eventId();
            processed.runId = score.condition().runId();
            processed.persist();
            storeMessageScore(score);
            boolean live = liveSet.equals(score.scoringSet());
            addToAgentRun(score, live);
            registry.counter(StatsMetrics.SCORES_COUNTED).increment();
            recompute.addAll(live ? onLiveScore(score) : onSetScore(score));
        }
        return List.copyOf(recompute);
    }

    /** Loads the agent runs, run states and studies a batch touches into the persistence context at once. */
    private void warm(List<MessageScore> scores) {
        Set<String> agentRuns = new HashSet<>();
        Set<String> runs = new HashSet<>();
        Set<String> studies = new HashSet<>();
        for (MessageScore score : scores) {
            boolean live = liveSet.equals(score.scoringSet());
            agentRuns.add(live ? AgentRunEntity.idOf(score.condition().runId(), score.agentId())
                    : AgentRunEntity.idOf(score.condition().runId(), score.agentId(), score.scoringSet()));
            runs.add(score.condition().runId());
            studies.add(score.condition().studyId());
        }
        AgentRunEntity.list("id in ?1", agentRuns);
        RunStateEntity.list("runId in ?1", runs);
        StudyStateEntity.list("studyId in ?1", studies);
    }

    private List<Recompute> onLiveScore(MessageScore score) {
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
        return includeIfReady(run);
    }

    /** A re-scoring set's score: its own run tally, inclusion once the run is complete in the set. */
    private List<Recompute> onSetScore(MessageScore score) {
        String studyId = score.condition().studyId();
        ScoringSetEntity set = scoringSet(studyId, score.scoringSet());
        set.scorerVersion = score.scorerVersion();
        set.lexiconVersions = mergeVersion(set.lexiconVersions, score.lexiconVersion());
        ScoringSetRunEntity setRun = ScoringSetRunEntity.findById(ScoringSetRunEntity.idOf(
                score.condition().runId(), score.scoringSet()));
        if (setRun == null) {
            setRun = new ScoringSetRunEntity();
            setRun.id = ScoringSetRunEntity.idOf(score.condition().runId(), score.scoringSet());
            setRun.studyId = studyId;
            setRun.runId = score.condition().runId();
            setRun.scoringSet = score.scoringSet();
            setRun.persist();
        }
        setRun.scoredMessages++;
        RunStateEntity run = RunStateEntity.findById(score.condition().runId());
        return includeInSetIfReady(setRun, run);
    }

    private void addToAgentRun(MessageScore score, boolean live) {
        String id = live ? AgentRunEntity.idOf(score.condition().runId(), score.agentId())
                : AgentRunEntity.idOf(score.condition().runId(), score.agentId(), score.scoringSet());
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
            agentRun.scoringSet = score.scoringSet();
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
    }

    /** Records a run's lifecycle event once; returns what to recompute when the run is now complete. */
    @Transactional
    public List<Recompute> onRunEvent(RunEvent event) {
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
        List<Recompute> recompute = new ArrayList<>(includeIfReady(run));
        for (ScoringSetRunEntity setRun : ScoringSetRunEntity.<ScoringSetRunEntity>list("runId", run.runId)) {
            recompute.addAll(includeInSetIfReady(setRun, run));
        }
        return recompute;
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

    private List<Recompute> includeIfReady(RunStateEntity run) {
        if (!run.readyToInclude()) {
            return List.of();
        }
        run.included = true;
        StudyStateEntity study = StudyStateEntity.findById(run.studyId);
        if (study != null) {
            study.includedRuns++;
        }
        return List.of(new Recompute(run.studyId, liveSet));
    }

    private static List<Recompute> includeInSetIfReady(ScoringSetRunEntity setRun, RunStateEntity run) {
        if (!setRun.readyToInclude(run)) {
            return List.of();
        }
        setRun.included = true;
        scoringSet(setRun.studyId, setRun.scoringSet).includedRuns++;
        return List.of(new Recompute(setRun.studyId, setRun.scoringSet));
    }

    private static ScoringSetEntity scoringSet(String studyId, String name) {
        ScoringSetEntity set = ScoringSetEntity.findById(ScoringSetEntity.idOf(studyId, name));
        if (set == null) {
            set = new ScoringSetEntity();
            set.id = ScoringSetEntity.idOf(studyId, name);
            set.studyId = studyId;
            set.scoringSet = name;
            set.persist();
        }
        return set;
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
