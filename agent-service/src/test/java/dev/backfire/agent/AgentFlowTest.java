package dev.backfire.agent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.ModelSettings;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.TopicProbe;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptContext;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RenderedPrompt;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent service against a real broker, answering with the built-in synthetic model. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AgentFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final PromptRenderer PROMPTS = new PromptRenderer(ScenarioLibrary.loadBundled());

    private static TurnRequest request(String runId, String language, int agent, boolean aligned, long seed) {
        RenderedPrompt prompt = PROMPTS.render(language, new PromptContext(agent,
                aligned ? AlignmentLevel.STANDARD : AlignmentLevel.NONE, false, 3, 15, List.of(), null));
        return new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn(runId, 3, agent, 0),
                new RunCondition("s", runId, language, aligned ? 1.0 : 0.0, 1), agent, aligned, 3, 15,
                new ModelSettings("synthetic", 0.7, 400, seed), prompt.system(), prompt.user(), prompt.hash(), 0L);
    }

    @Test
    void answersTurnRequestsInTheRunsLanguageDeterministically() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<TurnRequest> requests = List.of(
                request("agent-test-en", "en", 0, true, 42),
                request("agent-test-ja", "ja", 1, false, 42),
                request("agent-test-ja2", "ja", 1, false, 42),
                request("agent-test-ja3", "ja", 1, false, 43));
        for (TurnRequest r : requests) {
            probe.send(Topics.TURN_REQUESTS, r.key(), EventCodec.encode(r));
        }
        Map<String, AgentMessage> replies = probe.read(Topics.AGENT_MESSAGES, DEADLINE,
                        r -> r.stream().filter(x -> x.key().startsWith("agent-test-")).count() >= 4).stream()
                .filter(r -> r.key().startsWith("agent-test-"))
                .map(r -> EventCodec.decode(r.value(), AgentMessage.class))
                .collect(Collectors.toMap(m -> m.condition().runId(), Function.identity(), (a, b) -> a));
        assertEquals(4, replies.size());

        AgentMessage en = replies.get("agent-test-en");
        assertTrue(en.synthetic());
        assertFalse(en.parseFailed());
        assertFalse(en.talk().isBlank());
        assertFalse(en.monologue().isBlank());
        assertTrue(en.talk().chars().allMatch(c -> c < 0x3000), "English talk: " + en.talk());
        assertEquals(EventIds.message("agent-test-en", 3, 0), en.eventId());
        assertEquals(requests.get(0).promptHash(), en.promptHash());
        assertTrue(en.usage().outputTokens() > 0);
        assertTrue(en.intendedHits() != null, "the synthetic model reports its ground truth");

        AgentMessage ja = replies.get("agent-test-ja");
        assertTrue(ja.talk().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA),
                "Japanese talk: " + ja.talk());
        AgentMessage same = replies.get("agent-test-ja2");
        assertEquals(ja.talk(), same.talk(), "same prompt and seed, same reply");
        assertEquals(ja.monologue(), same.monologue());
        AgentMessage otherSeed = replies.get("agent-test-ja3");
        assertNotEquals(ja.talk() + ja.monologue(), otherSeed.talk() + otherSeed.monologue(),
                "another seed, another reply");
    }

    @Test
    void sendsMalformedRequestsToTheDeadLetterTopicAndKeepsRunning() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        probe.send(Topics.TURN_REQUESTS, "bad", "{\"schemaVersion\": 1}");
        assertTrue(probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> r.stream().anyMatch(x -> x.value().equals("{\"schemaVersion\": 1}"))).stream()
                .anyMatch(x -> x.value().equals("{\"schemaVersion\": 1}")));
        given().get("/q/health/ready").then().statusCode(200);
        TurnRequest good = request("agent-test-after-dlq", "en", 2, false, 7);
        probe.send(Topics.TURN_REQUESTS, good.key(), EventCodec.encode(good));
        assertTrue(probe.read(Topics.AGENT_MESSAGES, DEADLINE,
                r -> r.stream().anyMatch(x -> x.key().equals("agent-test-after-dlq"))).stream()
                .anyMatch(x -> x.key().equals("agent-test-after-dlq")));
    }
}
