package dev.backfire.stats.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.stats.service.StudyRecompute;
import dev.backfire.stats.store.StudyStateEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/** Live results per study: the results JSON of ANALYSIS.md and the agent-run CSV it was computed from. */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SYNTHETIC_LABEL =
            "SYNTHETIC: computed from transcripts of the built-in synthetic model; effects come from its parameters";

    /** What the stats service knows of a study. */
    public record StudySummary(String studyId, String name, List<String> languages, int totalRuns, int includedRuns,
                               int failedRuns, boolean synthetic, String label, String lockHash, String scorerVersion,
                               List<String> lexiconVersions, String updatedAt) {
        static StudySummary of(StudyStateEntity s) {
            return new StudySummary(s.studyId, s.name, s.languageList(), s.totalRuns, s.includedRuns, s.failedRuns,
                    s.synthetic, s.synthetic ? SYNTHETIC_LABEL : null, s.lockHash, s.scorerVersion,
                    s.lexiconVersions == null ? List.of() : Arrays.asList(s.lexiconVersions.split(",")),
                    s.updatedAt == null ? null : s.updatedAt.toString());
        }
    }

    @GET
    public List<StudySummary> list() {
        return StudyStateEntity.<StudyStateEntity>listAll().stream().map(StudySummary::of).toList();
    }

    @GET
    @Path("/{id}")
    public StudySummary get(@PathParam("id") String id) {
        return StudySummary.of(find(id));
    }

    /** The latest results JSON, with the study's provenance around it. */
    @GET
    @Path("/{id}/results")
    public Response results(@PathParam("id") String id) {
        StudyStateEntity study = find(id);
        if (study.resultsJson == null) {
            throw new NotFoundException("no run of study '" + id + "' has completed yet");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("studyId", study.studyId);
        body.put("lockHash", study.lockHash);
        body.put("synthetic", study.synthetic);
        body.put("label", study.synthetic ? SYNTHETIC_LABEL : null);
        body.put("scorerVersion", study.scorerVersion);
        body.put("lexiconVersions", study.lexiconVersions);
        try {
            body.setAll((ObjectNode) JSON.readTree(study.resultsJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored results of " + id + " are unreadable", e);
        }
        return Response.ok(body.toPrettyString()).build();
    }

    /** The agent-run CSV (the analysis command's input) of the study's included runs. */
    @GET
    @Path("/{id}/agent-runs.csv")
    @Produces("text/csv")
    public String agentRuns(@PathParam("id") String id) {
        StudyStateEntity study = find(id);
        return "# backfire-lab agent-runs export; study " + study.studyId + "; lock " + study.lockHash + "; scorer "
                + study.scorerVersion + "; lexicons " + study.lexiconVersions + "; runs " + study.includedRuns
                + (study.synthetic ? "; SYNTHETIC model" : "") + "\n"
                + AgentRunCsv.toCsv(StudyRecompute.includedAgentRuns(id, study));
    }

    private static StudyStateEntity find(String id) {
        StudyStateEntity study = StudyStateEntity.findById(id);
        if (study == null) {
            throw new NotFoundException("no study '" + id + "'");
        }
        return study;
    }
}
