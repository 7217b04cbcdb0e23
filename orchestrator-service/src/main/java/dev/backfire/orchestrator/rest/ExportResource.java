package dev.backfire.orchestrator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;

/**
 * A study's transcripts as JSON Lines: a first line stamping the study (lock, model, synthetic label, and
 * the synthetic model's parameters the spec set), then one line per message in run, turn and agent order;
 * a message of the synthetic model carries its intended hits ({@value IntendedHits#FIELD}, null otherwise).
 */
@Path("/studies/{id}/transcripts.jsonl")
public class ExportResource {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @GET
    @Produces(MEDIA_TYPE)
    public String transcripts(@PathParam("id") String id) {
        StudyEntity study = StudyEntity.findById(id);
        if (study == null) {
            throw new NotFoundException("no study '" + id + "'");
        }
        StringBuilder out = new StringBuilder();
        ObjectNode stamp = JSON.createObjectNode();
        stamp.put("export", "transcripts");
        stamp.put("studyId", study.id);
        stamp.put("lockHash", study.lockHash);
        stamp.put("model", study.model);
        stamp.put("synthetic", study.synthetic);
        stamp.put("label", study.synthetic ? StudyView.SYNTHETIC_LABEL : "model: " + study.model);
        if (study.syntheticParametersJson != null) {
            // Written by this service at submission (StudyService), from the validated spec: valid JSON.
            stamp.putRawValue("syntheticParameters", new RawValue(study.syntheticParametersJson));
        }
        out.append(stamp).append('\n');
        List<RunEntity> runs = RunEntity.list("studyId = ?1 order by ordinal", id);
        for (RunEntity run : runs) {
            for (MessageEntity m : MessageEntity.ofRun(run.id)) {
                ObjectNode line = JSON.createObjectNode();
                line.put("runId", run.id);
                line.put("language", run.language);
                line.put("alignmentRatio", run.alignmentRatio);
                line.put("replicate", run.replicate);
                line.put("turn", m.turn);
                line.put("agentId", m.agentId);
                line.put("aligned", m.aligned);
                line.put("talk", m.talk);
                line.put("monologue", m.monologue);
                line.put("model", m.model);
                line.put("modelFingerprint", m.modelFingerprint);
                line.put("synthetic", m.synthetic);
                line.put("parseFailed", m.parseFailed);
                line.put("inputTokens", m.inputTokens);
                line.put("outputTokens", m.outputTokens);
                line.put("latencyMs", m.latencyMs);
                line.put("promptHash", m.promptHash);
                line.putPOJO(IntendedHits.FIELD, IntendedHits.of(m.intendedHitsJson));
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
