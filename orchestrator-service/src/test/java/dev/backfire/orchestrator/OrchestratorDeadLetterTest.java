package dev.backfire.orchestrator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.contracts.Usage;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import dev.backfire.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Garbage on the orchestrator's two input topics: unreadable events, events of the wrong type or a future
 * schema, and a well-formed reply that names no run, each end on the dead-letter topic (after the retries
 * for the last one), and the orchestrator keeps handling the next valid event.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OrchestratorDeadLetterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: dead-letters
            design: {languages: [en], alignmentRatios: [0, 1], replicates: 2, agents: 2, turns: 1}
            limits: {maxConcurrentRuns: 4}
            """;

    @Test
    void unreadableTurnFailuresGoToTheDeadLetterTopicAndTheNextOneCounts() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<String> garbage = List.of("{not json", "[]", "{\"schemaVersion\": 99, \"kind\": \"TIMEOUT\"}",
                "{\"schemaVersion\": 1, \"kind\": \"NO_SUCH_KIND\"}");
        garbage.forEach(g -> probe.send(Topics.TURN_FAILURES, "garbage", g));
        awaitDeadLetters(probe, garbage);

        String studyId = given().contentType("application/yaml").body(SPEC.getBytes(StandardCharsets.UTF_8))
                .post("/studies").then().statusCode(201).extract().path("id");
        TurnRequest first = firstRequest(probe, studyId);
        TurnFailure failure = new TurnFailure(SchemaVersions.TURN_FAILURE, first.eventId(), first.condition(),
                first.agentId(), first.turn(), "no-such-model", TurnFailure.Kind.UNKNOWN_MODEL,
                "model 'no-such-model' is not configured in this agent", 0, System.currentTimeMillis());
        probe.send(Topics.TURN_FAILURES, failure.key(), EventCodec.encode(failure));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + first.condition().runId()).then()
                .body("status", equalTo("FAILED")).body("failureReason", containsString("UNKNOWN_MODEL")));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aWellFormedReplyForNoRunIsDeadLetteredAfterItsRetries() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        RunCondition nowhere = new RunCondition("no-study", "no-study-en-r000-01", "en", 0, 1);
        AgentMessage orphan = new AgentMessage(SchemaVersions.AGENT_MESSAGE,
                EventIds.message(nowhere.runId(), 1, 0), nowhere, 0, false, 1, "talk", "monologue", "synthetic",
                "synthetic-1", true, false, new Usage(1, 1, 1, 0), "hash", Map.of(), System.currentTimeMillis());
        String payload = EventCodec.encode(orphan);
        probe.send(Topics.AGENT_MESSAGES, orphan.key(), payload);
        probe.send(Topics.AGENT_MESSAGES, "garbage", "\u0000\u0001binary");
        awaitDeadLetters(probe, List.of(payload, "\u0000\u0001binary"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void awaitDeadLetters(TopicProbe probe, List<String> payloads) {
        List<ConsumerRecord<String, String>> dead = probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> payloads.stream().allMatch(p -> r.stream().anyMatch(x -> p.equals(x.value()))));
        for (String p : payloads) {
            assertTrue(dead.stream().anyMatch(x -> p.equals(x.value())), "not dead-lettered: " + p);
        }
    }

    private static TurnRequest firstRequest(TopicProbe probe, String studyId) {
        return probe.read(Topics.TURN_REQUESTS, DEADLINE, r -> r.stream().anyMatch(x -> studyIs(x, studyId))).stream()
                .filter(x -> studyIs(x, studyId)).map(x -> EventCodec.decode(x.value(), TurnRequest.class))
                .findFirst().orElseThrow(() -> new AssertionError("no turn request for " + studyId));
    }

    private static boolean studyIs(ConsumerRecord<String, String> record, String studyId) {
        return EventCodec.decode(record.value(), TurnRequest.class).condition().studyId().equals(studyId);
    }
}
