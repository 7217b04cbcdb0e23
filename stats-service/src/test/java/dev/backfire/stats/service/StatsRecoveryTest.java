package dev.backfire.stats.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a crash or garbage leaves behind in the stats service: unreadable scores go to the dead-letter topic
 * and the next valid one counts; and a study whose last run was counted but whose results were not yet
 * recomputed when the service died (two transactions, the kill between them) is recomputed at start-up
 * instead of staying one run short for good.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatsRecoveryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int AGENTS = 2;
    private static final int TURNS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StatsIngest ingest;

    @Inject
    StudyRecompute recompute;

    private static RunCondition condition(String study, String language, double ratio, int replicate) {
        return new RunCondition(study, study + "-" + language + "-" + (int) (ratio * 100) + "-" + replicate, language,
                ratio, replicate);
    }

    private static RunEvent completed(RunCondition c) {
        return new RunEvent(SchemaVersions.RUN_EVENT, EventIds.run(c.runId(), RunEvent.Type.COMPLETED),
                RunEvent.Type.COMPLETED, c, new StudyContext(c.studyId(), List.of("en"), 4, Map.of(), "lock-r"),
                AGENTS, TURNS, AGENTS * TURNS, AGENTS * TURNS, true, null, 0L);
    }

    private static List<MessageScore> scores(RunCondition c) {
        List<MessageScore> out = new ArrayList<>();
        for (int turn = 1; turn <= TURNS; turn++) {
            for (int agent = 0; agent < AGENTS; agent++) {
                String messageId = EventIds.message(c.runId(), turn, agent);
                int protective = 1 + agent + turn + c.replicate() + (int) (c.alignmentRatio() * 3);
                out.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, "primary"),
                        messageId, "primary", c, agent, c.alignmentRatio() > 0, turn,
                        new ChannelScore(20 + 3 * agent + turn, Map.of("protective", protective)),
                        new ChannelScore(5 + c.replicate() * agent, Map.of("sexual", turn - 1)), 0.2, 0, 0,
                        "scorer-test", "en-test", true, 0L));
            }
        }
        return out;
    }

    @Test
    void unreadableScoresAreDeadLetteredAndTheNextOneCounts() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<String> garbage = List.of("{not json", "{\"schemaVersion\": 99}", "null", "\"a string\"");
        garbage.forEach(g -> probe.send(Topics.MESSAGE_SCORES, "garbage", g));
        List<ConsumerRecord<String, String>> dead = probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> garbage.stream().allMatch(g -> r.stream().anyMatch(x -> g.equals(x.value()))));
        for (String g : garbage) {
            assertTrue(dead.stream().anyMatch(x -> g.equals(x.value())), "not dead-lettered: " + g);
        }
        RunCondition c = condition("dlq-after", "en", 0, 1);
        MessageScore valid = scores(c).get(0);
        probe.send(Topics.MESSAGE_SCORES, valid.key(), EventCodec.encode(valid));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + c.runId() + "/scores").then()
                .statusCode(200).body("messages.size()", equalTo(1)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void resultsLeftOneRunShortByACrashAreRecomputedAtStart() throws Exception {
        String study = "crash-between";
        List<RunCondition> runs = List.of(condition(study, "en", 0, 1), condition(study, "en", 0, 2),
                condition(study, "en", 1, 1), condition(study, "en", 1, 2));
        TopicProbe probe = TopicProbe.ofTestBroker();
        for (RunCondition c : runs.subList(0, 3)) {
            probe.send(Topics.RUN_EVENTS, c.runId(), EventCodec.encode(completed(c)));
            for (MessageScore s : scores(c)) {
                probe.send(Topics.MESSAGE_SCORES, s.key(), EventCodec.encode(s));
            }
        }
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + study + "/results").then()
                .statusCode(200).body("runCount", equalTo(3)));

        // The last run is counted (its transaction commits), then the service dies before recomputing: the
        // consumer would have called recompute next. Redelivery after a restart finds every score counted.
        RunCondition last = runs.get(3);
        ingest.onRunEvent(completed(last));
        scores(last).forEach(ingest::onScore);
        given().get("/studies/" + study).then().body("includedRuns", equalTo(4));
        assertEquals(3, storedRunCount(study), "the stored results miss the last run");

        recompute.onStart(null);
        assertEquals(4, storedRunCount(study), "recomputed at start");
        JsonNode results = JSON.readTree(given().get("/studies/" + study + "/results").then().statusCode(200)
                .extract().asString());
        assertEquals(4, results.get("runCount").asInt());
        assertEquals(4 * AGENTS, results.get("agentRunCount").asInt());
    }

    @Test
    void aReaderNeverGetsResultsThatMissACountedRun() {
        String study = "read-before-round";
        List<RunCondition> runs = List.of(condition(study, "en", 0, 1), condition(study, "en", 0, 2),
                condition(study, "en", 1, 1), condition(study, "en", 1, 2));
        for (RunCondition c : runs) {
            ingest.onRunEvent(completed(c));
            ingest.onScores(scores(c));
        }
        // Counted, and no recomputation round has run for them: the read brings the results up to date.
        given().get("/studies/" + study + "/results").then().statusCode(200).body("runCount", equalTo(4));
        assertEquals(4, storedRunCount(study));
    }

    private static int storedRunCount(String study) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> StudyRecompute.coveredRuns(
                dev.backfire.stats.store.StudyStateEntity.findById(study)));
    }
}
