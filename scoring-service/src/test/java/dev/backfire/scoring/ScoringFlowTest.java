package dev.backfire.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.Usage;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring service against a real broker: agent messages in, per-channel scores out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ScoringFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static AgentMessage message(String runId, String language, String talk, String monologue) {
        return new AgentMessage(SchemaVersions.AGENT_MESSAGE, EventIds.message(runId, 1, 0),
                new RunCondition("score-study", runId, language, 1.0, 1), 0, true, 1, talk, monologue, "synthetic",
                "synthetic-1", true, false, new Usage(1, 1, 1, 0), "h", Map.of(), 0L);
    }

    private static MessageScore scoreOf(TopicProbe probe, String runId) {
        return probe.read(Topics.MESSAGE_SCORES, DEADLINE, r -> r.stream().anyMatch(x -> x.key().equals(runId)))
                .stream().filter(x -> x.key().equals(runId))
                .map(x -> EventCodec.decode(x.value(), MessageScore.class)).findFirst().orElseThrow();
    }

    @Test
    void scoresBothChannelsWithTheLanguagesAnalyzer() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        AgentMessage ja = message("score-ja", "ja", "私たちはみんなで守るべきです。", "本当は怖い。");
        probe.send(Topics.AGENT_MESSAGES, ja.key(), EventCodec.encode(ja));
        MessageScore score = scoreOf(probe, "score-ja");
        assertEquals(ja.eventId(), score.messageEventId());
        assertTrue(score.talk().words() >= 5, "Japanese is segmented into words: " + score.talk().words());
        assertTrue(score.monologue().words() >= 2);
        double expectedRatio = (double) score.monologue().words()
                / (score.talk().words() + score.monologue().words());
        assertEquals(expectedRatio, score.monoRatio(), 1e-12);
        assertTrue(score.lexiconVersion().startsWith("ja"), score.lexiconVersion());
        assertTrue(score.synthetic());

        AgentMessage en = message("score-en", "en", "I refuse to vote her out.", "");
        probe.send(Topics.AGENT_MESSAGES, en.key(), EventCodec.encode(en));
        MessageScore enScore = scoreOf(probe, "score-en");
        assertEquals(6, enScore.talk().words());
        assertEquals(0, enScore.monologue().words());
        assertEquals(0.0, enScore.monoRatio());
        assertTrue(enScore.hitsOf("protective") >= 1, "'I refuse' is protective: " + enScore.talk().hits());
    }

    @Test
    void servesTheLexiconTermsToTheConsoleOverCorsForGetOnly() {
        given().get("/lexicons").then().statusCode(200).body("language", hasItems("en", "ja"));
        given().get("/lexicons/en").then().statusCode(200)
                .body("language", equalTo("en"))
                .body("version", startsWith("en-"))
                .body("analyzer", equalTo("english"))
                .body("categories.'protective.individual'", hasItem("I refuse"))
                .body("categories.keySet()", hasItems("protective.harmony", "sexual", "conformity", "individuation"))
                .body("note", containsString("authoritative"));
        given().get("/lexicons/ja").then().statusCode(200).body("categories.'protective.individual'", hasItem("断ります"));
        given().get("/lexicons/xx").then().statusCode(404);

        // The console is served by the stats service, another origin: allowed for GET, nothing else.
        given().header("Origin", "http://localhost:8080").get("/lexicons/en").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8080"));
        given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "GET")
                .options("/lexicons/en").then()
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8080"))
                .header("Access-Control-Allow-Methods", not(containsString("POST")));
        given().header("Origin", "http://elsewhere.example").get("/lexicons/en").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void sendsMalformedMessagesToTheDeadLetterTopicAndKeepsRunning() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        probe.send(Topics.AGENT_MESSAGES, "bad", "[1,2,3]");
        assertTrue(probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> r.stream().anyMatch(x -> x.value().equals("[1,2,3]"))).stream()
                .anyMatch(x -> x.value().equals("[1,2,3]")));
        given().get("/q/health/ready").then().statusCode(200);
        AgentMessage after = message("score-after", "en", "We agree.", "Fine.");
        probe.send(Topics.AGENT_MESSAGES, after.key(), EventCodec.encode(after));
        assertEquals("score-after", scoreOf(probe, "score-after").condition().runId());
    }
}
