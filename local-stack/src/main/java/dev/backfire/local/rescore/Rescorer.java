package dev.backfire.local.rescore;

import dev.backfire.analysis.AgentRun;
import dev.backfire.contracts.ChannelScore;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.scorer.RunningNorms;
import dev.backfire.scorer.TextScore;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.export.TranscriptExport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-scores a stored study's messages with a scorer, without calling any model: each message's words and
 * hits per channel (the same {@link MessageScore} the scoring service publishes, in a new scoring set),
 * and the agent-run totals of ANALYSIS.md section 2 of the runs the original analysis included, summed as
 * the stats service sums them.
 */
public final class Rescorer {
    static final String PROTECTIVE = "protective";
    static final String HARMONY = "protective.harmony";
    static final String SEXUAL = "sexual";
    static final String CONFORMITY = "conformity";
    static final String INDIVIDUATION = "individuation";

    private Rescorer() {
    }

    /**
     * The new scores.
     *
     * @param scores every message's score, in the export's order
     * @param agentRuns the agent-run rows of the included runs, languages in the given order, then by run
     *     and agent
     */
    public record Result(List<MessageScore> scores, List<AgentRun> agentRuns) {
    }

    /**
     * Scores every message of the export.
     *
     * @param includedRuns the runs whose agent-runs enter the statistics (those of the original analysis)
     * @param languageOrder languages in the study's order (the first is the reference level)
     * @param scoringSet the name of the new set of scores
     * @param scoredAtMs the time stamped on every score
     * @throws IllegalArgumentException for a message in a language the scorer has no lexicon for, or an
     *     included run without messages
     */
    public static Result rescore(TranscriptExport export, TextScorer scorer, Set<String> includedRuns,
            List<String> languageOrder, String scoringSet, long scoredAtMs) {
        RunningNorms norms = new RunningNorms();
        List<MessageScore> scores = new ArrayList<>(export.messages().size());
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (TranscriptExport.Message m : export.messages()) {
            TextScore talk = scorer.score(m.language(), m.talk());
            TextScore monologue = scorer.score(m.language(), m.monologue());
            int words = talk.words() + monologue.words();
            double monoRatio = words == 0 ? 0.0 : (double) monologue.words() / words;
            int protective = talk.hitsOf(PROTECTIVE) + monologue.hitsOf(PROTECTIVE);
            int sexual = talk.hitsOf(SEXUAL) + monologue.hitsOf(SEXUAL);
            RunningNorms.Provisional provisional = norms.addAndScore(monoRatio, protective, sexual);
            String messageId = EventIds.message(m.runId(), m.turn(), m.agentId());
            scores.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, scoringSet), messageId,
                    scoringSet, new RunCondition(export.studyId(), m.runId(), m.language(), m.alignmentRatio(),
                            m.replicate()), m.agentId(), m.aligned(), m.turn(),
                    new ChannelScore(talk.words(), talk.hits()), new ChannelScore(monologue.words(), monologue.hits()),
                    monoRatio, provisional.cpi(), provisional.di(), TextScorer.SCORER_VERSION,
                    scorer.lexiconVersion(m.language()), export.synthetic(), scoredAtMs));
            if (includedRuns.contains(m.runId())) {
                totals.computeIfAbsent(m.runId() + "/a" + m.agentId(), k -> new Totals(m)).add(talk, monologue);
            }
        }
        Set<String> scoredRuns = new java.util.HashSet<>();
        totals.values().forEach(t -> scoredRuns.add(t.first.runId()));
        for (String run : includedRuns) {
            if (!scoredRuns.contains(run)) {
                throw new IllegalArgumentException("run '" + run + "' is in the original analysis but has no message"
                        + " in the transcripts");
            }
        }
        List<AgentRun> rows = totals.values().stream().map(Totals::row)
                .sorted(Comparator.comparingInt((AgentRun r) -> rank(languageOrder, r.language()))
                        .thenComparing(AgentRun::runId).thenComparing(r -> Integer.parseInt(r.agentId())))
                .toList();
        return new Result(List.copyOf(scores), rows);
    }

    /** The distinct languages of the rows, in order of first appearance. */
    public static List<String> languagesInOrder(Collection<AgentRun> rows) {
        return rows.stream().map(AgentRun::language).distinct().toList();
    }

    private static int rank(List<String> order, String language) {
        int i = order.indexOf(language);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** One agent's sums over one run. */
    private static final class Totals {
        private final TranscriptExport.Message first;
        private int talkWords;
        private int monologueWords;
        private int protective;
        private int harmony;
        private int sexual;
        private int conformity;
        private int individuation;

        Totals(TranscriptExport.Message first) {
            this.first = first;
        }

        void add(TextScore talk, TextScore monologue) {
            talkWords += talk.words();
            monologueWords += monologue.words();
            protective += talk.hitsOf(PROTECTIVE) + monologue.hitsOf(PROTECTIVE);
            harmony += talk.hitsOf(HARMONY) + monologue.hitsOf(HARMONY);
            sexual += talk.hitsOf(SEXUAL) + monologue.hitsOf(SEXUAL);
            conformity += talk.hitsOf(CONFORMITY) + monologue.hitsOf(CONFORMITY);
            individuation += talk.hitsOf(INDIVIDUATION) + monologue.hitsOf(INDIVIDUATION);
        }

        AgentRun row() {
            return new AgentRun(first.runId(), first.language(), first.alignmentRatio(), first.replicate(),
                    String.valueOf(first.agentId()), first.aligned(), talkWords, monologueWords, protective, harmony,
                    sexual, conformity, individuation);
        }
    }
}
