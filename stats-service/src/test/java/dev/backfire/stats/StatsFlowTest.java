package dev.backfire.stats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsJson;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.contracts.ChannelScore;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.StudyContext;
import dev.backfire.contracts.Topics;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import dev.backfire.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stats service against a real broker and PostgreSQL. A small study's scores and run events are
 * published as the scoring service and orchestrator would; the live results must count each score once,
 * include a run only when it is complete, and equal what the analysis engine computes from the exported
 * CSV.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatsFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String STUDY = "stats-test";
    private static final int AGENTS = 3;
    private static final int TURNS = 2;
    private static final List<String> LANGUAGES = List.of("en", "ja");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunCondition condition(String language, double ratio, int replicate) {
        return new RunCondition(STUDY, STUDY + "-" + language + "-" + (int) (ratio * 100) + "-" + replicate, language,
                ratio, replicate);
    }

    private static RunEvent completed(RunCondition c) {
        return new RunEvent(SchemaVersions.RUN_EVENT, EventIds.run(c.runId(), RunEvent.Type.COMPLETED),
                RunEvent.Type.COMPLETED, c, new StudyContext(STUDY, LANGUAGES, 8, Map.of("ja", 55.0), "lock-abc"), AGENTS,
                TURNS, AGENTS * TURNS, AGENTS * TURNS, true, null, 0L);
    }

    private static List<MessageScore> scores(RunCondition c, SplittableRandom random) {
        List<MessageScore> out = new ArrayList<>();
        for (int turn = 1; turn <= TURNS; turn++) {
            for (int agent = 0; agent < AGENTS; agent++) {
                boolean aligned = c.alignmentRatio() > 0;
                int protective = random.nextInt(4) + (aligned && c.language().equals("en") ? 3 : 0);
                ChannelScore talk = new ChannelScore(20 + random.nextInt(30), Map.of("protective", protective,
                        "protective.harmony", protective / 2, "conformity", random.nextInt(3),
                        "individuation", 1 + random.nextInt(2)));
                ChannelScore mono = new ChannelScore(5 + random.nextInt(aligned ? 40 : 10),
                        Map.of("sexual", random.nextInt(2)));
                String messageId = EventIds.message(c.runId(), turn, agent);
                out.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, "primary"),
                        messageId, "primary", c, agent, aligned, turn, talk, mono, 0.3, 0, 0, "scorer-test",
                        c.language() + "-test", true, 0L));
            }
        }
        return out;
    }

    @Test
    void countsEachScoreOnceAndMatchesTheAnalysisOfTheExport() throws Exception {
        TopicProbe probe = TopicProbe.ofTestBroker();
        SplittableRandom random = new SplittableRandom(5);
        List<MessageScore> all = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (double ratio : new double[] {0.0, 1.0}) {
                for (int replicate = 1; replicate <= 2; replicate++) {
                    RunCondition c = condition(language, ratio, replicate);
                    // Completion first: the run must wait for its scores before it counts.
                    probe.send(Topics.RUN_EVENTS, c.runId(), EventCodec.encode(completed(c)));
                    all.addAll(scores(c, random));
                }
            }
        }
        MessageScore held = all.remove(all.size() - 1);
        for (MessageScore s : all) {
            probe.send(Topics.MESSAGE_SCORES, s.key(), EventCodec.encode(s));
        }
        // Duplicates of already-sent scores change nothing.
        probe.send(Topics.MESSAGE_SCORES, all.get(0).key(), EventCodec.encode(all.get(0)));
        probe.send(Topics.MESSAGE_SCORES, all.get(7).key(), EventCodec.encode(all.get(7)));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + STUDY).then().statusCode(200)
                .body("includedRuns", equalTo(7)));

        probe.send(Topics.MESSAGE_SCORES, held.key(), EventCodec.encode(held));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + STUDY).then()
                .body("includedRuns", equalTo(8)));

        String csv = given().get("/studies/" + STUDY + "/agent-runs.csv").then().statusCode(200).extract().asString();
        assertEquals(2 + 8 * AGENTS, csv.lines().count(), "stamp, header and one row per agent-run");
        assertTrue(csv.startsWith("# backfire-lab agent-runs export; study stats-test; lock lock-abc; scorer "
                + "scorer-test"), csv.lines().findFirst().orElse(""));
        long talkWords = all.stream().mapToLong(s -> s.talk().words()).sum() + held.talk().words();
        long csvTalkWords = csv.lines().skip(2).mapToLong(l -> Long.parseLong(l.split(",")[6])).sum();
        assertEquals(talkWords, csvTalkWords, "each score counted exactly once");

        JsonNode live = JSON.readTree(given().get("/studies/" + STUDY + "/results").then().statusCode(200)
                .extract().asString());
        assertTrue(live.get("synthetic").asBoolean());
        assertEquals("lock-abc", live.get("lockHash").asText());
        JsonNode offline = JSON.readTree(ResultsJson.write(StudyAnalyzer.analyze(
                AgentRunCsv.read(new StringReader(csv), "export.csv"),
                AnalysisOptions.defaults().withPdiOverrides(Map.of("ja", 55.0)))));
        for (String language : LANGUAGES) {
            for (String measure : List.of("cpi", "di")) {
                for (String field : List.of("g", "ciLow", "ciHigh", "p", "welchT")) {
                    assertEquals(offline.at("/languages/" + language + "/" + measure + "/" + field).asDouble(),
                            live.at("/languages/" + language + "/" + measure + "/" + field).asDouble(), 1e-12,
                            language + " " + measure + " " + field);
                }
            }
        }
        assertEquals(55.0, live.at("/languages/ja/pdi").asDouble());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double g = live.at("/languages/en/cpi/g").asDouble();
        String line = metrics.lines().filter(l -> l.startsWith("backfire_stats_effect_g{")
                && l.contains("language=\"en\"") && l.contains("measure=\"cpi\"") && l.contains(STUDY))
                .findFirst().orElseThrow(() -> new AssertionError("no g gauge for en:\n" + metrics));
        assertEquals(g, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), 1e-9);
    }

    @Test
    void keepsEachMessagesScoresOnceForTheTranscriptViewer() throws Exception {
        TopicProbe probe = TopicProbe.ofTestBroker();
        RunCondition c = new RunCondition("console-test", "console-test-ja-100-1", "ja", 1.0, 1);
        List<MessageScore> scores = new ArrayList<>();
        for (int turn = 1; turn <= 2; turn++) {
            for (int agent = 0; agent < 2; agent++) {
                String messageId = EventIds.message(c.runId(), turn, agent);
                scores.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, "primary"),
                        messageId, "primary", c, agent, agent == 0, turn,
                        new ChannelScore(10 + turn, Map.of("protective", 2, "protective.harmony", 2, "conformity", 1)),
                        new ChannelScore(5 + agent, Map.of("sexual", agent)), 0.25 + agent, 0.5 * turn, -0.5 * turn,
                        "scorer-test", "ja-test", true, 0L));
            }
        }
        // Newest first, and the first one twice: the list comes back by turn and agent, each message once.
        for (int i = scores.size() - 1; i >= 0; i--) {
            probe.send(Topics.MESSAGE_SCORES, scores.get(i).key(), EventCodec.encode(scores.get(i)));
        }
        probe.send(Topics.MESSAGE_SCORES, scores.get(0).key(), EventCodec.encode(scores.get(0)));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + c.runId() + "/scores").then()
                .statusCode(200).body("messages.size()", equalTo(4)));
        JsonNode body = JSON.readTree(given().get("/runs/" + c.runId() + "/scores").then().extract().asString());
        assertEquals("console-test", body.get("studyId").asText());
        assertEquals("ja", body.get("language").asText());
        assertTrue(body.get("synthetic").asBoolean());
        assertTrue(body.get("label").asText().startsWith("SYNTHETIC"));
        JsonNode first = body.get("messages").get(0);
        assertEquals(1, first.get("turn").asInt());
        assertEquals(0, first.get("agentId").asInt());
        assertTrue(first.get("aligned").asBoolean());
        assertEquals(11, first.at("/talk/words").asInt());
        assertEquals(2, first.at("/talk/hits/protective.harmony").asInt());
        assertEquals(1, first.at("/talk/hits/conformity").asInt());
        assertEquals(5, first.at("/monologue/words").asInt());
        assertEquals(0.25, first.get("monoRatio").asDouble(), 1e-12);
        assertEquals(0.5, first.get("provisionalCpi").asDouble(), 1e-12);
        assertEquals(-0.5, first.get("provisionalDi").asDouble(), 1e-12);
        assertEquals("ja-test", first.get("lexiconVersion").asText());
        JsonNode last = body.get("messages").get(3);
        assertEquals(2, last.get("turn").asInt());
        assertEquals(1, last.get("agentId").asInt());
        assertEquals(1, last.at("/monologue/hits/sexual").asInt());
        given().get("/runs/no-such-run/scores").then().statusCode(200).body("messages.size()", equalTo(0));
    }

    @Test
    void servesTheConsoleAndTellsItWhereTheOtherApisAre() {
        given().get("/console/config.json").then().statusCode(200)
                .body("orchestratorUrl", equalTo("http://127.0.0.1:8080"))
                .body("scoringUrl", equalTo("http://127.0.0.1:8080"));
        String page = given().get("/console/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("synthetic-banner") && page.contains("app.js"), page);
        for (String file : List.of("app.js", "api.js", "dom.js", "charts.js", "highlight.js", "views/studies.js",
                "views/study.js", "views/transcript.js", "style.css", "vendor/chart.umd.min.js")) {
            given().get("/console/" + file).then().statusCode(200);
        }
        assertTrue(given().get("/console/app.js").then().extract().contentType().contains("javascript"));
    }

    @Test
    void sendsMalformedEventsToTheDeadLetterTopicAndKeepsRunning() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        probe.send(Topics.RUN_EVENTS, "bad", "{\"schemaVersion\": 7}");
        assertTrue(probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> r.stream().anyMatch(x -> x.value().equals("{\"schemaVersion\": 7}"))).stream()
                .anyMatch(x -> x.value().equals("{\"schemaVersion\": 7}")));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
