package dev.backfire.agent.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.backfire.agent.providers.LlmStubServer.KEY;
import static dev.backfire.agent.providers.LlmStubServer.OLLAMA_PATH;
import static dev.backfire.agent.providers.LlmStubServer.OPENAI_PATH;
import static dev.backfire.agent.providers.LlmStubServer.marker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.backfire.agent.metrics.AgentMetrics;
import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.ModelSettings;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.TopicProbe;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptContext;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RenderedPrompt;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent service against real provider wire formats (WireMock on loopback) and a real broker: replies,
 * accounting, the retry layer, the per-model circuit breaker, bad replies, and the API key's confinement to
 * the Authorization header.
 */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(LlmStubServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderCallsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long SEED = 1_234_567_890_123L;
    private static final List<String> LOG_LINES = Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            if (record.getParameters() != null) {
                message = message + " " + Arrays.toString(record.getParameters());
            }
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + message);
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            LOG_LINES.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void captureLogs() {
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseLogs() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    private static TurnRequest request(String runId, String model, String language, String prompt) {
        return new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn(runId, 1, 0, 0),
                new RunCondition("provider-study", runId, language, 1.0, 1), 0, true, 1, 15,
                new ModelSettings(model, 0.7, 400, SEED), "You are agent 0, held in the facility.",
                "Turn 1: the facility announces its rules. " + prompt, "hash-" + runId, System.currentTimeMillis());
    }

    private static void send(TurnRequest request) {
        TopicProbe.ofTestBroker().send(Topics.TURN_REQUESTS, request.key(), EventCodec.encode(request));
    }

    private static AgentMessage awaitMessage(String runId) {
        ConsumerRecord<String, String> record = awaitRecord(Topics.AGENT_MESSAGES, runId);
        return EventCodec.decode(record.value(), AgentMessage.class);
    }

    private static TurnFailure awaitFailure(String runId) {
        ConsumerRecord<String, String> record = awaitRecord(Topics.TURN_FAILURES, runId);
        return EventCodec.decode(record.value(), TurnFailure.class);
    }

    private static ConsumerRecord<String, String> awaitRecord(String topic, String runId) {
        return TopicProbe.ofTestBroker().read(topic, DEADLINE,
                        r -> r.stream().anyMatch(x -> runId.equals(x.key()))).stream()
                .filter(x -> runId.equals(x.key())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing for " + runId + " on " + topic + " within " + DEADLINE));
    }

    private static void assertNoRecord(String topic, String runId) {
        assertTrue(TopicProbe.ofTestBroker().read(topic, Duration.ofSeconds(1), r -> false).stream()
                .noneMatch(x -> runId.equals(x.key())), "unexpected record for " + runId + " on " + topic);
    }

    private static List<LoggedRequest> openAiRequests(String bodyPart) {
        return LlmStubServer.server().findAll(postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withRequestBody(containing(bodyPart)));
    }

    private double counter(String name, String model) {
        Counter c = registry.find(name).tag(AgentMetrics.TAG_MODEL, model).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @Order(1)
    void openAiReplyIsSplitAndAccounted() {
        send(request("prov-openai", "oa", "en", marker("normal")));
        AgentMessage m = awaitMessage("prov-openai");
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(LlmStubServer.GOOD_MONOLOGUE, m.monologue());
        assertFalse(m.parseFailed());
        assertFalse(m.synthetic());
        assertNull(m.intendedHits());
        assertEquals("oa", m.model());
        assertEquals(LlmStubServer.OPENAI_FINGERPRINT, m.modelFingerprint());
        assertEquals(42, m.usage().inputTokens());
        assertEquals(17, m.usage().outputTokens());
        assertEquals(0, m.usage().retries());
        assertEquals(0.0465, m.usage().costUsd(), 1e-12, "42 / 1000 * 0.5 + 17 / 1000 * 1.5 from the price table");
        assertFalse(m.languageMismatch());
        assertIds(m, "prov-openai");

        LlmStubServer.server().verify(1, postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withRequestBody(containing(marker("normal")))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.seed", equalTo(String.valueOf(Long.hashCode(SEED)))))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing(marker("normal")))));
        // 42 / 1000 * 0.5 + 17 / 1000 * 1.5
        assertTrue(counter(AgentMetrics.COST, "oa") >= 0.0465 - 1e-9, "cost " + counter(AgentMetrics.COST, "oa"));
        assertTrue(registry.find(AgentMetrics.TOKENS).tag(AgentMetrics.TAG_MODEL, "oa")
                .tag(AgentMetrics.TAG_DIRECTION, "in").counter().count() >= 42);
        assertNotNull(registry.find(AgentMetrics.CALL_LATENCY).tag(AgentMetrics.TAG_MODEL, "oa")
                .tag(AgentMetrics.TAG_LANGUAGE, "en").timer());
    }

    private static void assertIds(AgentMessage m, String runId) {
        assertEquals(EventIds.message(runId, 1, 0), m.eventId());
        assertEquals("hash-" + runId, m.promptHash());
    }

    @Test
    @Order(2)
    void jsonRepliesAreSplitToo() {
        send(request("prov-json", "oa", "en", marker("json")));
        AgentMessage m = awaitMessage("prov-json");
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(LlmStubServer.GOOD_MONOLOGUE, m.monologue());
        assertFalse(m.parseFailed());
    }

    @Test
    @Order(3)
    void ollamaReplyIsSplitAndAccounted() {
        send(request("prov-ollama", "ol", "en", "[ollama]"));
        AgentMessage m = awaitMessage("prov-ollama");
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(LlmStubServer.GOOD_MONOLOGUE, m.monologue());
        assertFalse(m.parseFailed());
        assertFalse(m.synthetic());
        assertEquals(LlmStubServer.OLLAMA_FINGERPRINT, m.modelFingerprint());
        assertEquals(31, m.usage().inputTokens());
        assertEquals(12, m.usage().outputTokens());
        LlmStubServer.server().verify(1, postRequestedFor(urlEqualTo(OLLAMA_PATH))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama-test")))
                .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.options.seed", equalTo(String.valueOf(Long.hashCode(SEED)))))
                .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("400"))));
    }

    @Test
    @Order(4)
    void rateLimitHonoursRetryAfterThenSucceeds() {
        double retriesBefore = counter(AgentMetrics.RETRIES, "oa");
        send(request("prov-429", "oa", "en", marker("rate-limit")));
        AgentMessage m = awaitMessage("prov-429");
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(1, m.usage().retries());
        assertTrue(m.usage().latencyMs() >= 1000, "waited " + m.usage().latencyMs() + " ms for Retry-After: 1");
        List<LoggedRequest> calls = openAiRequests(marker("rate-limit"));
        assertEquals(2, calls.size());
        long gap = Math.abs(calls.get(0).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime());
        assertTrue(gap >= 1000, "second call " + gap + " ms after the 429");
        assertEquals(retriesBefore + 1, counter(AgentMetrics.RETRIES, "oa"));
    }

    @Test
    @Order(5)
    void serverErrorsAreRetriedUntilSuccess() {
        send(request("prov-500s", "oa-flaky", "en", "[flaky]"));
        AgentMessage m = awaitMessage("prov-500s");
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(2, m.usage().retries());
        assertEquals(2, counter(AgentMetrics.RETRIES, "oa-flaky"));
        assertEquals(0, gauge("oa-flaky"));
    }

    @Test
    @Order(6)
    void persistentServerErrorsFailTheTurnAndOpenTheCircuit() {
        send(request("prov-broken-1", "oa-broken", "en", "[broken 1]"));
        TurnFailure first = awaitFailure("prov-broken-1");
        assertEquals(TurnFailure.Kind.PROVIDER_ERROR, first.kind());
        assertEquals(2, first.retries());
        assertTrue(first.reason().contains("500"), first.reason());
        assertEquals(EventIds.turn("prov-broken-1", 1, 0, 0), first.eventId());
        assertEquals("oa-broken", first.model());
        assertEquals(3, brokenCalls());
        assertEquals(0, gauge("oa-broken"), "3 failed attempts: below the window of 4");
        assertNoRecord(Topics.AGENT_MESSAGES, "prov-broken-1");

        send(request("prov-broken-2", "oa-broken", "en", "[broken 2]"));
        TurnFailure second = awaitFailure("prov-broken-2");
        assertEquals(TurnFailure.Kind.CIRCUIT_OPEN, second.kind(), "the 4th failed attempt opens the circuit");
        assertEquals(4, brokenCalls());
        assertEquals(1, gauge("oa-broken"));

        send(request("prov-broken-3", "oa-broken", "en", "[broken 3]"));
        TurnFailure third = awaitFailure("prov-broken-3");
        assertEquals(TurnFailure.Kind.CIRCUIT_OPEN, third.kind());
        assertEquals(0, third.retries());
        assertEquals(4, brokenCalls(), "an open circuit does not call the provider");
        assertEquals(1, registry.find(AgentMetrics.ERRORS).tag(AgentMetrics.TAG_MODEL, "oa-broken")
                .tag(AgentMetrics.TAG_KIND, "provider_error").counter().count());
        assertEquals(2, registry.find(AgentMetrics.ERRORS).tag(AgentMetrics.TAG_MODEL, "oa-broken")
                .tag(AgentMetrics.TAG_KIND, "circuit_open").counter().count());
        assertEquals(0, gauge("oa"), "the other models' circuits stay closed");
    }

    private static int brokenCalls() {
        return LlmStubServer.server().findAll(postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withRequestBody(matchingJsonPath("$.model", equalTo("broken-model")))).size();
    }

    private double gauge(String model) {
        Gauge g = registry.find(AgentMetrics.CIRCUIT_OPEN).tag(AgentMetrics.TAG_MODEL, model).gauge();
        assertNotNull(g, "circuit gauge of " + model);
        return g.value();
    }

    @Test
    @Order(7)
    void timeoutsAreRetriedThenFailTheTurn() {
        send(request("prov-slow", "oa-slow", "en", "[slow]"));
        TurnFailure f = awaitFailure("prov-slow");
        assertEquals(TurnFailure.Kind.TIMEOUT, f.kind(), f.reason());
        assertEquals(2, f.retries());
        assertEquals(3, LlmStubServer.server().findAll(postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withRequestBody(matchingJsonPath("$.model", equalTo("slow-model")))).size());
        assertEquals(1, registry.find(AgentMetrics.ERRORS).tag(AgentMetrics.TAG_MODEL, "oa-slow")
                .tag(AgentMetrics.TAG_KIND, "timeout").counter().count());
    }

    @Test
    @Order(8)
    void malformedBodyIsRetriedOnceThenFailsAsBadReply() {
        send(request("prov-malformed", "oa", "en", marker("malformed")));
        TurnFailure f = awaitFailure("prov-malformed");
        assertEquals(TurnFailure.Kind.BAD_REPLY, f.kind(), f.reason());
        assertEquals(1, f.retries());
        assertEquals(2, openAiRequests(marker("malformed")).size());
    }

    @Test
    @Order(9)
    void emptyContentIsRetriedOnceThenPublishedAsParseFailed() {
        double parseFailuresBefore = counter(AgentMetrics.PARSE_FAILURES, "oa");
        send(request("prov-empty", "oa", "en", marker("empty-always")));
        AgentMessage m = awaitMessage("prov-empty");
        assertTrue(m.parseFailed());
        assertEquals("", m.talk());
        assertEquals("", m.monologue());
        assertEquals(1, m.usage().retries());
        assertEquals(2, openAiRequests(marker("empty-always")).size());
        assertEquals(parseFailuresBefore + 1, counter(AgentMetrics.PARSE_FAILURES, "oa"));
    }

    @Test
    @Order(10)
    void anEmptyReplyFollowedByAGoodOneIsNotAParseFailure() {
        send(request("prov-empty-once", "oa", "en", marker("empty-once")));
        AgentMessage m = awaitMessage("prov-empty-once");
        assertFalse(m.parseFailed());
        assertEquals(LlmStubServer.GOOD_TALK, m.talk());
        assertEquals(1, m.usage().retries());
    }

    @Test
    @Order(11)
    void aReplyInTheWrongLanguageIsAskedForAgainThenKeptWithAFlag() {
        double before = counter(AgentMetrics.LANGUAGE_MISMATCHES, "oa");
        send(request("prov-wrong-lang", "oa", "ja", marker("wrong-language")));
        AgentMessage m = awaitMessage("prov-wrong-lang");
        assertEquals("ja", m.condition().language());
        assertEquals(LlmStubServer.WRONG_LANGUAGE_TALK, m.talk(), "kept as the model wrote it, never dropped");
        assertFalse(m.parseFailed());
        assertTrue(m.languageMismatch(), "an English reply to a Japanese run is flagged");
        assertEquals(1, m.usage().retries(), "one more call was made before flagging it");
        assertEquals(2, openAiRequests(marker("wrong-language")).size());
        assertEquals(before + 1, counter(AgentMetrics.LANGUAGE_MISMATCHES, "oa"));
    }

    @Test
    @Order(11)
    void aReplyInTheRunsLanguageIsNotFlagged() {
        send(request("prov-right-lang", "oa", "en", marker("normal")));
        AgentMessage m = awaitMessage("prov-right-lang");
        assertFalse(m.languageMismatch());
        assertEquals(0, m.usage().retries());
    }

    @Test
    @Order(12)
    void anUnknownModelFailsAtOnce() {
        send(request("prov-unknown", "no-such-model", "en", "[unknown]"));
        TurnFailure f = awaitFailure("prov-unknown");
        assertEquals(TurnFailure.Kind.UNKNOWN_MODEL, f.kind());
        assertEquals(0, f.retries());
        assertTrue(f.reason().contains("no-such-model"), f.reason());
    }

    @Test
    @Order(13)
    void theSyntheticModelSimulatesLatencyThroughTheSameGateway() {
        PromptRenderer prompts = new PromptRenderer(ScenarioLibrary.loadBundled());
        RenderedPrompt prompt = prompts.render("en", new PromptContext(0, AlignmentLevel.NONE, false, 1, 15, List.of(), null));
        send(new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn("prov-synthetic", 1, 0, 0),
                new RunCondition("provider-study", "prov-synthetic", "en", 0.0, 1), 0, false, 1, 15,
                new ModelSettings("synthetic", 0.7, 400, SEED), prompt.system(), prompt.user(), prompt.hash(), 0L));
        AgentMessage m = awaitMessage("prov-synthetic");
        assertTrue(m.synthetic());
        assertFalse(m.parseFailed());
        assertTrue(m.usage().latencyMs() >= 150, "fixed simulated latency of 150 ms: " + m.usage().latencyMs());
    }

    @Test
    @Order(14)
    void theKeyReachesTheAuthorizationHeaderAndNoLogLine() {
        send(request("prov-401", "oa", "en", marker("unauthorized")));
        TurnFailure f = awaitFailure("prov-401");
        assertEquals(TurnFailure.Kind.PROVIDER_ERROR, f.kind());
        assertEquals(0, f.retries(), "a refused key is not retried");
        assertTrue(f.reason().contains("401"), f.reason());
        assertFalse(f.reason().contains(KEY), "the reason must not carry the key: " + f.reason());
        assertEquals(1, openAiRequests(marker("unauthorized")).size());

        List<LoggedRequest> keyed = LlmStubServer.server().findAll(postRequestedFor(urlEqualTo(OPENAI_PATH))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test"))));
        assertFalse(keyed.isEmpty());
        for (LoggedRequest r : keyed) {
            assertEquals("Bearer " + KEY, r.getHeader("Authorization"));
        }
        List<String> lines;
        synchronized (LOG_LINES) {
            lines = List.copyOf(LOG_LINES);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("prov-401")), "the failure was logged: " + lines.size());
        List<String> leaks = lines.stream().filter(l -> l.contains(KEY)).toList();
        assertTrue(leaks.isEmpty(), "log lines carrying the key: " + leaks);
    }
}
