package dev.backfire.scoring.rest;

import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MessageScore;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.export.InvalidExportException;
import dev.backfire.scorer.export.TranscriptExport;
import dev.backfire.scoring.config.ScoringConfig;
import dev.backfire.scoring.metrics.ScoringMetrics;
import dev.backfire.scoring.rescore.LexiconSets;
import dev.backfire.scoring.rescore.OrchestratorClient;
import dev.backfire.scoring.rescore.OrchestratorUnavailableException;
import dev.backfire.scoring.rescore.Rescoring;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * {@code POST /studies/{id}/rescore?lexicons=<set>}: re-scores a stored study without calling any model.
 * Reads the study's transcripts from the orchestrator, scores every message with the named lexicon set
 * ({@code bundled}, or a folder under {@code backfire.scoring.rescore.lexicon-sets-directory}), and
 * publishes the scores on the message-scores topic in a new scoring set, {@code rescore-<lexicon versions>};
 * the stats service keeps that set's totals and results beside the live ones
 * ({@code GET /studies/{id}/results?scoringSet=...}). Repeating a re-scoring publishes the same event ids,
 * which the stats service counts once. Admin only outside the local profile.
 */
@Path("/studies/{id}/rescore")
public class RescoreResource {
    /** The outgoing channel of re-scoring sets (the message-scores topic, like live scores). */
    public static final String RESCORES = "rescores";
    private static final Logger LOG = Logger.getLogger(RescoreResource.class);

    private final OrchestratorClient orchestrator;
    private final LexiconSets sets;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final ScoringConfig config;
    private final MeterRegistry registry;

    public RescoreResource(OrchestratorClient orchestrator, ScoringConfig config,
            @Channel(RESCORES) MutinyEmitter<Record<String, String>> emitter, MeterRegistry registry) {
        this.orchestrator = orchestrator;
        this.config = config;
        this.sets = new LexiconSets(config.rescore().lexiconSetsDirectory());
        this.emitter = emitter;
        this.registry = registry;
    }

    /** What was published. */
    public record Rescored(String studyId, String scoringSet, int messages, String scorerVersion,
                           Map<String, String> lexiconVersions, Map<String, String> lexiconSources, boolean synthetic,
                           String results) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response rescore(@PathParam("id") String studyId, @QueryParam("lexicons") String lexicons) {
        TextScorer scorer;
        try {
            scorer = sets.scorer(lexicons);
        } catch (IllegalArgumentException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
        OrchestratorClient.Export fetched;
        try {
            fetched = orchestrator.transcripts(studyId);
        } catch (OrchestratorUnavailableException e) {
            return problem(Response.Status.BAD_GATEWAY, e.getMessage());
        }
        if (fetched.status() == Response.Status.NOT_FOUND.getStatusCode()) {
            return problem(Response.Status.NOT_FOUND, "the orchestrator has no study '" + studyId + "'");
        }
        TranscriptExport export;
        String scoringSet;
        try {
            export = TranscriptExport.parse(fetched.body(), "transcripts of study " + studyId);
            scoringSet = Rescoring.setName(export, scorer);
        } catch (InvalidExportException e) {
            return problem(Response.Status.BAD_GATEWAY, "the orchestrator's export is unreadable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (scoringSet.equals(config.scoringSet())) {
            return problem(Response.Status.CONFLICT, "the set name '" + scoringSet + "' is the live scoring set's");
        }
        List<MessageScore> scores = Rescoring.scores(export, scorer, scoringSet, System.currentTimeMillis());
        publish(scores);
        registry.counter(ScoringMetrics.RESCORED, ScoringMetrics.TAG_SCORING_SET, scoringSet).increment(scores.size());
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String language : Rescoring.languages(export)) {
            versions.put(language, scorer.lexiconVersion(language));
            sources.put(language, scorer.lexiconSource(language));
        }
        LOG.infof("re-scored study %s: %d messages in scoring set %s", studyId, scores.size(), scoringSet);
        return Response.ok(new Rescored(studyId, scoringSet, scores.size(), TextScorer.SCORER_VERSION, versions,
                sources, export.synthetic(), "GET /studies/" + studyId + "/results?scoringSet=" + scoringSet
                        + " on the stats service")).build();
    }

    /** Sends every score and waits for the broker's acknowledgements, a batch at a time. */
    private void publish(List<MessageScore> scores) {
        int batch = Math.max(1, config.rescore().publishBatch());
        List<Uni<Void>> pending = new ArrayList<>(batch);
        for (MessageScore score : scores) {
            pending.add(emitter.send(Record.of(score.key(), EventCodec.encode(score))));
            if (pending.size() == batch) {
                Uni.join().all(pending).andFailFast().await().indefinitely();
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            Uni.join().all(pending).andFailFast().await().indefinitely();
        }
    }

    private static Response problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new JudgeAgreementResource.Problem(status.getStatusCode(), message)).build();
    }
}
