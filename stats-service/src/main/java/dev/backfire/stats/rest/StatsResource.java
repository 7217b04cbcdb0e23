package dev.backfire.stats.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.stats.config.StatsConfig;
import dev.backfire.stats.service.StudyRecompute;
import dev.backfire.stats.service.StudyRecompute;
import dev.backfire.stats.store.ScoringSetEntity;
import dev.backfire.stats.store.StudyStateEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/**
 * Results per study: the results JSON of ANALYSIS.md and the agent-run CSV it was computed from, of the
 * live scoring set by default and of a re-scoring set with {@code ?scoringSet=<set>} (the sets are listed at
 * {@code GET /studies/{id}/scoring-sets}); sets are never mixed.
 */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String liveSet;

    private final StudyRecompute recompute;

    public StatsResource(StatsConfig config, StudyRecompute recompute) {
        this.liveSet = config.liveScoringSet();
        this.recompute = recompute;
    }

    /** A scoring set of a study: its runs counted and the versions that scored them. */
    public record ScoringSetSummary(String scoringSet, boolean live, int includedRuns, String scorerVersion,
                                    List<String> lexiconVersions, String updatedAt) {
    }
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

    /** The study's scoring sets: the live one first, then every re-scoring set. */
    @GET
    @Path("/{id}/scoring-sets")
    public List<ScoringSetSummary> scoringSets(@PathParam("id") String id) {
        StudyStateEntity study = find(id);
        List<ScoringSetSummary> sets = new java.util.ArrayList<>();
        sets.add(new ScoringSetSummary(liveSet, true, study.includedRuns, study.scorerVersion, versions(
                study.lexiconVersions), study.updatedAt == null ? null : study.updatedAt.toString()));
        for (ScoringSetEntity set : ScoringSetEntity.<ScoringSetEntity>list("studyId = ?1 order by scoringSet", id)) {
            sets.add(new ScoringSetSummary(set.scoringSet, false, set.includedRuns, set.scorerVersion,
                    versions(set.lexiconVersions), set.updatedAt == null ? null : set.updatedAt.toString()));
        }
        return sets;
    }

    /** The latest results JSON of a scoring set (default: the live one), with the study's provenance around it. */
    @GET
    @Path("/{id}/results")
    public Response results(@PathParam("id") String id, @QueryParam("scoringSet") String scoringSet) {
        recompute.ensureCurrent(id, scoringSet == null || scoringSet.isBlank() ? liveSet : scoringSet);
        StudyStateEntity study = find(id);
        ScoringSetEntity set = rescoring(id, scoringSet);
        String resultsJson = set == null ? study.resultsJson : set.resultsJson;
        if (resultsJson == null) {
            throw new NotFoundException("no run of study '" + id + "' has completed yet"
                    + (set == null ? "" : " in scoring set '" + set.scoringSet + "'"));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("studyId", study.studyId);
        body.put("lockHash", study.lockHash);
        body.put("synthetic", study.synthetic);
        body.put("label", study.synthetic ? SYNTHETIC_LABEL : null);
        body.put("scoringSet", set == null ? liveSet : set.scoringSet);
        body.put("scorerVersion", set == null ? study.scorerVersion : set.scorerVersion);
        body.put("lexiconVersions", set == null ? study.lexiconVersions : set.lexiconVersions);
        try {
            body.setAll((ObjectNode) JSON.readTree(resultsJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored results of " + id + " are unreadable", e);
        }
        return Response.ok(body.toPrettyString()).build();
    }

    /** The agent-run CSV (the analysis command's input) of the study's included runs in a scoring set. */
    @GET
    @Path("/{id}/agent-runs.csv")
    @Produces("text/csv")
    public String agentRuns(@PathParam("id") String id, @QueryParam("scoringSet") String scoringSet) {
        StudyStateEntity study = find(id);
        ScoringSetEntity set = rescoring(id, scoringSet);
        if (set == null) {
            return "# backfire-lab agent-runs export; study " + study.studyId + "; lock " + study.lockHash + "; scorer "
                    + study.scorerVersion + "; lexicons " + study.lexiconVersions + "; runs " + study.includedRuns
                    + (study.synthetic ? "; SYNTHETIC model" : "") + "\n"
                    + AgentRunCsv.toCsv(StudyRecompute.includedAgentRuns(id, study, liveSet, true));
        }
        return "# backfire-lab agent-runs export; study " + study.studyId + "; lock " + study.lockHash + "; scorer "
                + set.scorerVersion + "; lexicons " + set.lexiconVersions + "; scoring set " + set.scoringSet
                + "; runs " + set.includedRuns + (study.synthetic ? "; SYNTHETIC model" : "") + "\n"
                + AgentRunCsv.toCsv(StudyRecompute.includedAgentRuns(id, study, set.scoringSet, false));
    }

    /** The re-scoring set asked for, or null for the live set; 404 naming the known sets for an unknown one. */
    private ScoringSetEntity rescoring(String studyId, String scoringSet) {
        if (scoringSet == null || scoringSet.isBlank() || scoringSet.equals(liveSet)) {
            return null;
        }
        ScoringSetEntity set = ScoringSetEntity.findById(ScoringSetEntity.idOf(studyId, scoringSet));
        if (set == null) {
            String message = "study '" + studyId + "' has no scoring set '" + scoringSet + "'; known: "
                    + scoringSets(studyId).stream().map(ScoringSetSummary::scoringSet).toList();
            throw new NotFoundException(message, Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.APPLICATION_JSON).entity(java.util.Map.of("status", 404, "error", message)).build());
        }
        return set;
    }

    private static List<String> versions(String csv) {
        return csv == null ? List.of() : Arrays.asList(csv.split(","));
    }

    private static StudyStateEntity find(String id) {
        StudyStateEntity study = StudyStateEntity.findById(id);
        if (study == null) {
            throw new NotFoundException("no study '" + id + "'");
        }
        return study;
    }
}
