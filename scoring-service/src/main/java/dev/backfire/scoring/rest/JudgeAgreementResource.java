package dev.backfire.scoring.rest;

import dev.backfire.scorer.TextScore;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.export.InvalidExportException;
import dev.backfire.scorer.export.TranscriptExport;
import dev.backfire.scoring.config.ScoringConfig;
import dev.backfire.scoring.judge.JudgeAgreement;
import dev.backfire.scoring.judge.JudgeModel;
import dev.backfire.scoring.judge.JudgeReplyException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * {@code POST /judge-agreement}: how far the lexicon agrees with the LLM judge. The body is a study's
 * transcripts export (the {@code transcripts.jsonl} of {@code ./backfire run}, or the orchestrator's
 * {@code GET /studies/{id}/transcripts.jsonl}); a seeded sample of its messages per language is scored by
 * the lexicon and rated by the judge, and Cohen's kappa of presence per category is returned per language.
 * Admin only outside the local profile: every message rated is a paid model call.
 */
@Path("/judge-agreement")
public class JudgeAgreementResource {
    private static final Logger LOG = Logger.getLogger(JudgeAgreementResource.class);
    static final String MEASURE = "Cohen's kappa of presence (at least one hit) per message and category, lexicon"
            + " scorer vs LLM judge; null where undefined (both raters gave one answer throughout)";
    static final String SYNTHETIC_LABEL = "SYNTHETIC: the rated messages come from the built-in synthetic model";

    private final JudgeModel judge;
    private final ScoringConfig.Judge config;
    private final TextScorer scorer = TextScorer.loadBundled();

    public JudgeAgreementResource(JudgeModel judge, ScoringConfig config) {
        this.judge = judge;
        this.config = config.judge();
    }

    /** The agreement report. */
    public record Report(String studyId, boolean synthetic, String label, String judgeModel, String scorerVersion,
                         Map<String, String> lexiconVersions, int messagesPerLanguage, long sampleSeed, String measure,
                         Map<String, JudgeAgreement.Language> languages) {
    }

    /** An error body naming what is wrong. */
    public record Problem(int status, String error) {
    }

    @POST
    @Consumes({"application/x-ndjson", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response agreement(String body, @QueryParam("perLanguage") Integer perLanguage) {
        if (!judge.enabled()) {
            return problem(Response.Status.CONFLICT, "the LLM judge is off: set backfire.scoring.judge.enabled=true"
                    + " with its base-url, model and BACKFIRE_JUDGE_API_KEY");
        }
        int n = perLanguage == null ? config.messagesPerLanguage() : perLanguage;
        if (n < 1) {
            return problem(Response.Status.BAD_REQUEST, "perLanguage must be >= 1: " + n);
        }
        TranscriptExport export;
        try {
            export = TranscriptExport.parse(body == null ? "" : body, "request body");
        } catch (InvalidExportException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Map<String, List<TranscriptExport.Message>> byLanguage = new TreeMap<>();
        for (TranscriptExport.Message m : export.messages()) {
            if (!scorer.languages().contains(m.language())) {
                return problem(Response.Status.BAD_REQUEST, "request body: no lexicon for language '"
                        + m.language() + "' (run " + m.runId() + ")");
            }
            byLanguage.computeIfAbsent(m.language(), l -> new ArrayList<>()).add(m);
        }
        JudgeAgreement agreement = new JudgeAgreement();
        Map<String, String> versions = new LinkedHashMap<>();
        for (Map.Entry<String, List<TranscriptExport.Message>> language : byLanguage.entrySet()) {
            versions.put(language.getKey(), scorer.lexiconVersion(language.getKey()));
            List<TranscriptExport.Message> sample = new ArrayList<>(language.getValue());
            Collections.shuffle(sample, new Random(config.sampleSeed()));
            for (TranscriptExport.Message m : sample.subList(0, Math.min(n, sample.size()))) {
                TextScore talk = scorer.score(m.language(), m.talk());
                TextScore monologue = scorer.score(m.language(), m.monologue());
                Map<String, Integer> hits = new TreeMap<>();
                for (String category : JudgeAgreement.CATEGORIES) {
                    hits.put(category, talk.hitsOf(category) + monologue.hitsOf(category));
                }
                try {
                    agreement.add(m.language(), hits, judge.rate(m.language(), m.talk(), m.monologue()));
                } catch (JudgeReplyException e) {
                    LOG.debugf("judge: unreadable rating of %s turn %d agent %d: %s", m.runId(), m.turn(),
                            m.agentId(), e.getMessage());
                    agreement.addUnreadable(m.language());
                } catch (RuntimeException e) {
                    // After the retries: the endpoint is down or refuses us. The reason names no key.
                    LOG.warnf("judge: call failed for %s turn %d agent %d: %s", m.runId(), m.turn(), m.agentId(),
                            e.getClass().getSimpleName());
                    return problem(Response.Status.BAD_GATEWAY, "the judge's endpoint failed after retries ("
                            + e.getClass().getSimpleName() + "); no agreement computed");
                }
            }
        }
        return Response.ok(new Report(export.studyId(), export.synthetic(), export.synthetic() ? SYNTHETIC_LABEL
                : null, judge.modelName(), TextScorer.SCORER_VERSION, versions, n, config.sampleSeed(), MEASURE,
                agreement.result())).build();
    }

    private static Response problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status.getStatusCode(), message)).build();
    }
}
