package dev.backfire.stats.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.stats.store.MessageScoreEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The scores of each message of a run, as the scoring service reported them: per channel the word count
 * and the lexicon hits per category, the monologue ratio, and the provisional CPI and DI (scored against
 * the study's running norms at the time; the study statistics use the run-level measures of ANALYSIS.md,
 * not these). For the console's transcript viewer. A run with no scored message yet has an empty list.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class ScoresResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Integer>> HITS = new TypeReference<>() { };

    /** Scores of one channel. */
    public record Channel(int words, Map<String, Integer> hits) {
    }

    /** Scores of one message, identified by turn and agent. */
    public record Message(int turn, int agentId, boolean aligned, Channel talk, Channel monologue, double monoRatio,
                          double provisionalCpi, double provisionalDi, String scoringSet, String scorerVersion,
                          String lexiconVersion) {
        static Message of(MessageScoreEntity e) {
            return new Message(e.turn, e.agentId, e.aligned, new Channel(e.talkWords, hits(e.talkHitsJson)),
                    new Channel(e.monologueWords, hits(e.monologueHitsJson)), e.monoRatio, e.provisionalCpi,
                    e.provisionalDi, e.scoringSet, e.scorerVersion, e.lexiconVersion);
        }
    }

    /** All scored messages of a run, by turn then agent. */
    public record RunScores(String runId, String studyId, String language, boolean synthetic, String label,
                            List<Message> messages) {
    }

    private final String liveSet;

    public ScoresResource(dev.backfire.stats.config.StatsConfig config) {
        this.liveSet = config.liveScoringSet();
    }

    /** The run's scores in one scoring set (default: the live one). */
    @GET
    @Path("/{runId}/scores")
    public RunScores scores(@PathParam("runId") String runId, @QueryParam("scoringSet") String scoringSet) {
        String set = scoringSet == null || scoringSet.isBlank() ? liveSet : scoringSet;
        List<MessageScoreEntity> rows = MessageScoreEntity.list(
                "runId = ?1 and (scoringSet = ?2 or (scoringSet is null and ?2 = ?3)) order by turn, agentId", runId, set,
                liveSet);
        if (rows.isEmpty()) {
            return new RunScores(runId, null, null, false, null, List.of());
        }
        MessageScoreEntity first = rows.get(0);
        boolean synthetic = rows.stream().anyMatch(r -> r.synthetic);
        return new RunScores(runId, first.studyId, first.language, synthetic,
                synthetic ? StatsResource.SYNTHETIC_LABEL : null, rows.stream().map(Message::of).toList());
    }

    private static Map<String, Integer> hits(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, HITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hits are unreadable: " + json, e);
        }
    }
}
