package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.Topics;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.local.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny study through the four packaged services on real Kafka and real PostgreSQL: every run ends with
 * 10 x 15 messages, every message is scored exactly once, and the statistics cover both languages, live
 * on /q/metrics and over REST.
 */
class StudyEndToEndTest {
    private static final int AGENTS = 10;
    private static final int TURNS = 15;
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: e2e
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            model: {name: synthetic}
            seed: 11
            limits: {maxConcurrentRuns: 8}
            """;

    @TempDir
    static Path logs;
    private static LocalStack stack;
    private static SuiteClient client;
    private static String studyId;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void runStudy() throws Exception {
        Path home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Options.defaults(home, logs), step -> { });
        client = stack.client();
        studyId = Studies.runToCompletion(client, SPEC, 8);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRunHasTenAgentsTimesFifteenTurns() {
        JsonNode runs = client.runs(studyId);
        assertEquals(8, runs.size());
        for (JsonNode run : runs) {
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            JsonNode transcript = client.transcript(run.get("id").asText());
            assertTrue(transcript.get("synthetic").asBoolean());
            assertTrue(transcript.get("label").asText().startsWith("SYNTHETIC"));
            JsonNode turns = transcript.get("turns");
            assertEquals(TURNS, turns.size());
            for (JsonNode turn : turns) {
                Set<Integer> agents = new HashSet<>();
                for (JsonNode m : turn.get("messages")) {
                    agents.add(m.get("agentId").asInt());
                    assertFalse(m.get("talk").asText().isBlank(), "empty talk in " + run.get("id"));
                    assertFalse(m.get("monologue").asText().isBlank(), "empty monologue in " + run.get("id"));
                }
                assertEquals(AGENTS, turn.get("messages").size());
                assertEquals(AGENTS, agents.size());
            }
        }
    }

    @Test
    void everyMessageIsScoredExactlyOnce() {
        int expected = 8 * AGENTS * TURNS;
        List<ConsumerRecord<String, String>> records = new TopicProbe(stack.kafkaBootstrap())
                .read(Topics.MESSAGE_SCORES, Duration.ofSeconds(60), r -> r.size() >= expected);
        Map<String, Integer> perMessage = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            MessageScore score = EventCodec.decode(record.value(), MessageScore.class);
            assertEquals(score.condition().runId(), record.key(), "scores are keyed by run id");
            assertTrue(score.synthetic());
            perMessage.merge(score.messageEventId(), 1, Integer::sum);
        }
        assertEquals(expected, perMessage.size());
        assertTrue(perMessage.values().stream().allMatch(n -> n == 1), "a message was scored twice");
    }

    @Test
    void statisticsCoverBothLanguagesOnRestAndMetrics() throws Exception {
        JsonNode results = JSON.readTree(client.resultsJson(studyId));
        assertTrue(results.get("synthetic").asBoolean());
        assertEquals(8, results.get("runCount").asInt());
        assertEquals(80, results.get("agentRunCount").asInt());
        for (String language : List.of("en", "ja")) {
            JsonNode cpi = results.get("languages").get(language).get("cpi");
            assertTrue(cpi.get("g").isNumber(), language + " has no CPI g: " + cpi);
            assertTrue(cpi.get("ciLow").asDouble() < cpi.get("ciHigh").asDouble());
            assertTrue(Set.of("BACKFIRE", "SAFETY", "NULL").contains(cpi.get("direction").asText()));
        }
        String metrics = client.metrics(stack.url(LocalStack.STATS));
        for (String language : List.of("en", "ja")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("backfire_stats_effect_g{")
                    && l.contains("language=\"" + language + "\"") && l.contains("measure=\"cpi\"")
                    && l.contains("study=\"" + studyId + "\"") && !l.endsWith("NaN")),
                    "no CPI g gauge for " + language);
        }
        // A restarted stats service restores its state: nothing lost, nothing counted twice.
        String before = client.resultsJson(studyId);
        stack.restart(LocalStack.STATS);
        SuiteClient restarted = stack.client();
        assertEquals(8, restarted.statsStudy(studyId).json().get("includedRuns").asInt());
        assertEquals(JSON.readTree(before), JSON.readTree(restarted.resultsJson(studyId)));
        String metricsAfter = restarted.metrics(stack.url(LocalStack.STATS));
        assertTrue(metricsAfter.lines().anyMatch(l -> l.startsWith("backfire_stats_effect_g{")
                && l.contains("study=\"" + studyId + "\"") && !l.endsWith("NaN")), "gauges restored after restart");
        client = restarted;

        String csv = client.agentRunsCsv(studyId);
        assertEquals(82, csv.lines().count(), "stamp, header and one row per agent-run");
        String lock = client.study(studyId).get("lockHash").asText();
        assertEquals(64, lock.length());
        assertTrue(csv.lines().findFirst().orElseThrow().contains("lock " + lock));
        assertEquals(lock, results.get("lockHash").asText());
        Files.writeString(logs.resolve("agent-runs.csv"), csv);
    }
}
