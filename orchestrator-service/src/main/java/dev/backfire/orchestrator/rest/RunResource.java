package dev.backfire.orchestrator.rest;

import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A run's transcript: every turn, every agent, talk and monologue apart. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /**
     * One reply in a transcript. {@code receivedAtMs} is the message's stored timestamp
     * ({@link MessageEntity#receivedAt}, the agent's produce time, epoch ms; 0 if unknown), which
     * {@code backfire bench} uses to time turns. {@code retries} are the agent's retries of the model call
     * that produced the reply (rate limits, server errors, timeouts). {@code syntheticIntendedHits} is the
     * synthetic model's ground truth, category to the number of lexicon phrases it meant to write over both
     * channels; null for a real model's reply.
     */
    public record Line(int agentId, boolean aligned, String talk, String monologue, String model,
                       String modelFingerprint, boolean synthetic, boolean parseFailed, int inputTokens,
                       int outputTokens, long latencyMs, int retries, String promptHash, long receivedAtMs,
                       Map<String, Integer> syntheticIntendedHits) {
    }

    /** One turn of a transcript. */
    public record Turn(int turn, List<Line> messages) {
    }

    /** A whole transcript, labelled with its source. */
    public record Transcript(RunView run, String label, boolean synthetic, List<Turn> turns) {
    }

    @GET
    @Path("/{id}")
    public RunView run(@PathParam("id") String id) {
        return RunView.of(find(id));
    }

    @GET
    @Path("/{id}/transcript")
    public Transcript transcript(@PathParam("id") String id) {
        RunEntity run = find(id);
        StudyEntity study = StudyEntity.findById(run.studyId);
        Map<Integer, List<Line>> byTurn = MessageEntity.ofRun(id).stream().collect(Collectors.groupingBy(
                m -> m.turn, TreeMap::new, Collectors.mapping(m -> new Line(m.agentId, m.aligned, m.talk,
                        m.monologue, m.model, m.modelFingerprint, m.synthetic, m.parseFailed, m.inputTokens,
                        m.outputTokens, m.latencyMs, m.retries, m.promptHash,
                        m.receivedAt == null ? 0L : m.receivedAt.toEpochMilli(), IntendedHits.of(m.intendedHitsJson)),
                        Collectors.toList())));
        List<Turn> turns = byTurn.entrySet().stream().map(e -> new Turn(e.getKey(), e.getValue())).toList();
        return new Transcript(RunView.of(run), study.synthetic ? StudyView.SYNTHETIC_LABEL : "model: " + study.model,
                study.synthetic, turns);
    }

    private static RunEntity find(String id) {
        RunEntity run = RunEntity.findById(id);
        if (run == null) {
            throw new NotFoundException("no run '" + id + "'");
        }
        return run;
    }
}
