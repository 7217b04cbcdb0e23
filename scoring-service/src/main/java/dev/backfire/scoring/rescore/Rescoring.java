package dev.backfire.scoring.rescore;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scores of a stored study's messages in a new scoring set: the same {@link MessageScore} the live
 * scorer publishes, with the set's name, its lexicon versions, and provisional CPI and DI against the
 * set's own running norms. Plain and deterministic apart from the time stamp, so a repeated re-scoring
 * publishes the same event ids and the stats service counts each once.
 */
public final class Rescoring {
    static final String PROTECTIVE = "protective";
    static final String SEXUAL = "sexual";
    /** A re-scoring set's name: this prefix and the lexicon versions of the study's languages. */
    public static final String SET_PREFIX = "rescore-";

    private Rescoring() {
    }

    /** The languages of the export in order of first appearance (the first is the study's reference level). */
    public static List<String> languages(TranscriptExport export) {
        Set<String> languages = new LinkedHashSet<>();
        export.messages().forEach(m -> languages.add(m.language()));
        return List.copyOf(languages);
    }

    /**
     * The set name for a scorer: {@code rescore-} and the study's lexicon versions joined by {@code _}.
     *
     * @throws IllegalArgumentException for a language of the study without a lexicon
     */
    public static String setName(TranscriptExport export, TextScorer scorer) {
        return SET_PREFIX + String.join("_", languages(export).stream().map(scorer::lexiconVersion).toList());
    }

    /** Every message's score in the set, in the export's order. */
    public static List<MessageScore> scores(TranscriptExport export, TextScorer scorer, String scoringSet,
            long scoredAtMs) {
        RunningNorms norms = new RunningNorms();
        List<MessageScore> scores = new ArrayList<>(export.messages().size());
        for (TranscriptExport.Message m : export.messages()) {
            TextScore talk = scorer.score(m.language(), m.talk());
            TextScore monologue = scorer.score(m.language(), m.monologue());
            int words = talk.words() + monologue.words();
            double monoRatio = words == 0 ? 0.0 : (double) monologue.words() / words;
            RunningNorms.Provisional provisional = norms.addAndScore(monoRatio,
                    talk.hitsOf(PROTECTIVE) + monologue.hitsOf(PROTECTIVE), talk.hitsOf(SEXUAL) + monologue.hitsOf(SEXUAL));
            String messageId = EventIds.message(m.runId(), m.turn(), m.agentId());
            scores.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, scoringSet), messageId,
                    scoringSet, new RunCondition(export.studyId(), m.runId(), m.language(), m.alignmentRatio(),
                            m.replicate()), m.agentId(), m.aligned(), m.turn(),
                    new ChannelScore(talk.words(), talk.hits()), new ChannelScore(monologue.words(), monologue.hits()),
                    monoRatio, provisional.cpi(), provisional.di(), TextScorer.SCORER_VERSION,
                    scorer.lexiconVersion(m.language()), export.synthetic(), scoredAtMs));
        }
        return scores;
    }
}
