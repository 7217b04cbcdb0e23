package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backfire.local.launch.SuiteClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a user gets from a finished study, with what legitimately differs between two submissions
 * of the same spec taken out: the study id (run ids contain it), timestamps, latencies and the scoring
 * service's provisional running norms (they depend on the order scores were computed in, and are for
 * dashboards only). Two runs of the same spec on the deterministic synthetic model must give equal
 * snapshots, whatever happened to the suite in between.
 *
 * <p>Building a snapshot also checks the study is whole: every run completed with agents x turns
 * messages, one per agent and turn, and exactly one counted score per message.
 *
 * @param results    the stats service's results JSON
 * @param transcripts per run (study id replaced), the transcript: turn, agent, talk, monologue, tokens
 * @param scores     per run, the counted score of every message
 */
record StudySnapshot(JsonNode results, Map<String, JsonNode> transcripts, Map<String, JsonNode> scores) {
    static final String STUDY = "<study>";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields of a transcript line or a score that legitimately differ between two identical studies. */
    private static final Set<String> VOLATILE = Set.of("receivedAtMs", "latencyMs", "provisionalCpi",
            "provisionalDi");

    /** Reads a finished study and checks it is whole. */
    static StudySnapshot of(SuiteClient client, String statsUrl, String studyId, int runs, int agents, int turns)
            throws Exception {
        JsonNode results = normalize(JSON.readTree(client.resultsJson(studyId)), studyId);
        ((ObjectNode) results).remove("studyId");
        Map<String, JsonNode> transcripts = new TreeMap<>();
        Map<String, JsonNode> scores = new TreeMap<>();
        JsonNode runList = client.runs(studyId);
        assertEquals(runs, runList.size(), "runs of " + studyId);
        for (JsonNode run : runList) {
            String runId = run.get("id").asText();
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            assertEquals(agents * turns, run.get("messagesStored").asInt(), "messages stored of " + runId);
            JsonNode transcript = client.transcript(runId);
            JsonNode turnList = transcript.get("turns");
            assertEquals(turns, turnList.size(), "turns of " + runId);
            for (JsonNode turn : turnList) {
                Set<Integer> seen = new HashSet<>();
                turn.get("messages").forEach(m -> seen.add(m.get("agentId").asInt()));
                assertEquals(agents, turn.get("messages").size(), "messages of turn " + turn.get("turn") + " of "
                        + runId);
                assertEquals(agents, seen.size(), "distinct agents in turn " + turn.get("turn") + " of " + runId);
            }
            transcripts.put(runId.replace(studyId, STUDY), strip(normalize(turnList, studyId)));

            SuiteClient.Answer answer = client.get(statsUrl + "/runs/" + runId + "/scores");
            assertEquals(200, answer.status(), answer.body());
            JsonNode messages = answer.json().get("messages");
            Set<String> scored = new HashSet<>();
            messages.forEach(m -> scored.add(m.get("turn").asInt() + "/" + m.get("agentId").asInt()));
            assertEquals(agents * turns, messages.size(), "counted scores of " + runId);
            assertEquals(agents * turns, scored.size(), "one counted score per message of " + runId);
            scores.put(runId.replace(studyId, STUDY), strip(messages.deepCopy()));
        }
        return new StudySnapshot(results, transcripts, scores);
    }

    /** Where two snapshots differ, in a few readable lines; empty when they are equal. */
    List<String> differences(StudySnapshot other) {
        List<String> out = new ArrayList<>();
        if (!results.equals(other.results)) {
            out.add("results JSON differs:\n  " + results + "\n  " + other.results);
        }
        if (!transcripts.keySet().equals(other.transcripts.keySet())) {
            out.add("runs differ: " + transcripts.keySet() + " vs " + other.transcripts.keySet());
            return out;
        }
        for (String run : transcripts.keySet()) {
            if (!transcripts.get(run).equals(other.transcripts.get(run))) {
                out.add("transcript of " + run + " differs");
            }
            if (!scores.get(run).equals(other.scores.get(run))) {
                out.add("scores of " + run + " differ");
            }
        }
        return out;
    }

    /** The study id replaced in every string of a JSON tree. */
    private static JsonNode normalize(JsonNode node, String studyId) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace(studyId, STUDY));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalize(e.getValue(), studyId)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(normalize(n, studyId)));
            return copy;
        }
        return node;
    }

    /** The volatile fields removed, recursively. */
    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(VOLATILE);
            node.forEach(StudySnapshot::strip);
        } else if (node.isArray()) {
            node.forEach(StudySnapshot::strip);
        }
        return node;
    }
}
