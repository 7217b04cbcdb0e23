package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.scorer.TextScorer;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-scoring a stored study on the platform, end to end over the packaged services: the scoring service
 * reads the transcripts from the orchestrator, scores them with a named lexicon set without calling any
 * model, and publishes a new scoring set that the stats service analyses beside the live one.
 */
class RescoreEndToEndTest {
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: rescore-e2e
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2, agents: 4, turns: 6}
            model: {name: synthetic}
            seed: 17
            limits: {maxConcurrentRuns: 8}
            """;
    private static final int RUNS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static LocalStack stack;
    private static SuiteClient client;
    private static String studyId;

    @BeforeAll
    static void runStudy() throws Exception {
        Path sets = Files.createDirectories(dir.resolve("lexicon-sets"));
        Path v2 = Files.createDirectories(sets.resolve("v2"));
        String en;
        try (InputStream in = TextScorer.class.getClassLoader().getResourceAsStream("lexicons/en.yaml")) {
            en = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A new English version that also counts "group" as conformity.
        Files.writeString(v2.resolve("en.yaml"), en.replace("version: en-1.0.0", "version: en-2.0.0-test")
                .replaceFirst("(?m)^  conformity:$", "  conformity:\n    - group"));
        Path home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.defaults(home, Files.createDirectories(dir.resolve("logs")))
                .withExtraProperties(Map.of("backfire.scoring.rescore.lexicon-sets-directory", sets.toString())),
                step -> { });
        client = stack.client();
        studyId = Studies.runToCompletion(client, SPEC, RUNS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> rescore(String study, String lexicons) throws Exception {
        return stack.http().send(HttpRequest.newBuilder(URI.create(stack.url(LocalStack.SCORING) + "/studies/" + study
                + "/rescore?lexicons=" + lexicons)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<AgentRun> agentRuns(String scoringSet) {
        String csv = client.get(stack.url(LocalStack.STATS) + "/studies/" + studyId + "/agent-runs.csv"
                + (scoringSet == null ? "" : "?scoringSet=" + scoringSet)).body();
        return AgentRunCsv.read(new StringReader(csv), "agent-runs.csv");
    }

    private static void awaitSet(String scoringSet) throws InterruptedException {
        Awaits.until("the stats service counts every run of " + scoringSet, Studies.DEADLINE, () -> {
            SuiteClient.Answer sets = client.get(stack.url(LocalStack.STATS) + "/studies/" + studyId + "/scoring-sets");
            for (JsonNode set : sets.json()) {
                if (set.get("scoringSet").asText().equals(scoringSet) && set.get("includedRuns").asInt() == RUNS) {
                    return true;
                }
            }
            return false;
        });
    }

    private static long conformity(List<AgentRun> rows, String language) {
        return rows.stream().filter(r -> r.language().equals(language)).mapToLong(AgentRun::conformityHits).sum();
    }

    @Test
    void rescoresAStoredStudyIntoANewSetBesideTheLiveResults() throws Exception {
        String liveResults = client.resultsJson(studyId);
        List<AgentRun> live = agentRuns(null);

        // With the bundled lexicons the platform's re-scoring reproduces the live scoring exactly.
        HttpResponse<String> same = rescore(studyId, "bundled");
        assertEquals(200, same.statusCode(), same.body());
        String sameSet = JSON.readTree(same.body()).get("scoringSet").asText();
        assertEquals("rescore-en-1.0.0_ja-1.0.0", sameSet);
        awaitSet(sameSet);
        assertEquals(live, agentRuns(sameSet));

        // With the changed English lexicon: new English counts, Japanese untouched, live results unmoved.
        HttpResponse<String> changed = rescore(studyId, "v2");
        assertEquals(200, changed.statusCode(), changed.body());
        JsonNode body = JSON.readTree(changed.body());
        String set = body.get("scoringSet").asText();
        assertEquals("rescore-en-2.0.0-test_ja-1.0.0", set);
        assertEquals(RUNS * 4 * 6, body.get("messages").asInt());
        assertTrue(body.get("synthetic").asBoolean());
        awaitSet(set);
        List<AgentRun> rescored = agentRuns(set);
        assertTrue(conformity(rescored, "en") > conformity(live, "en"), "English conformity rises with 'group'");
        assertEquals(conformity(live, "ja"), conformity(rescored, "ja"));
        JsonNode results = JSON.readTree(client.get(stack.url(LocalStack.STATS) + "/studies/" + studyId
                + "/results?scoringSet=" + set).body());
        assertEquals(set, results.get("scoringSet").asText());
        assertTrue(results.get("lexiconVersions").asText().contains("en-2.0.0-test"));
        assertEquals(liveResults, client.resultsJson(studyId), "the live results did not move");

        // Repeating a re-scoring publishes the same events: nothing is counted twice.
        assertEquals(200, rescore(studyId, "v2").statusCode());
        assertEquals(rescored, agentRuns(set));

        assertEquals(404, rescore("no-such-study", "v2").statusCode());
        HttpResponse<String> unknown = rescore(studyId, "v9");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown lexicon set 'v9'"), unknown.body());
    }
}
