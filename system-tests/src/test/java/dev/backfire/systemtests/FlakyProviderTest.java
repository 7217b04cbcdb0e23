package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.local.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on an OpenAI-compatible model that fails 30% of calls with 429 or 5xx and times out 5%
 * ({@link FlakyOpenAiStub}, WireMock on loopback, seeded): every run completes whole, every injected fault
 * is a retry the suite recorded (per message in the transcripts and the events, and on the agent's
 * /q/metrics), and the model's API key, which the stub echoes in its error bodies, reaches the
 * Authorization header and nothing else: no log line, no Kafka event on any topic, no export, no API answer.
 *
 * <p>The agent's fault tolerance is shortened through its configuration (4 s call timeout, retries after
 * 20 to 200 ms); its circuit breaker opens only when 200 calls in a row fail, so that neither the random
 * faults of this stub nor the slow first calls of a cold JVM on a loaded machine trip it (a tripped
 * breaker fails calls without reaching the stub, which would hide attempts from this accounting; the
 * breaker has its own tests in the agent service).
 */
class FlakyProviderTest {
    private static final int AGENTS = 10;
    private static final int TURNS = 15;
    private static final int RUNS = 8;
    private static final long STUB_SEED = 4_242L;
    /** Planted key; shaped like no known provider's key, so only the configured-secret masking can hide it. */
    private static final String KEY = "planted-model-key-7c41e9b2d05a";
    private static final String MODEL = "flaky";
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: flaky
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            model: {name: flaky}
            seed: 31
            limits: {maxConcurrentRuns: 8}
            """;
    private static final Duration TOPIC_READ = Duration.ofSeconds(60);

    @TempDir
    static Path logs;
    private static FlakyOpenAiStub stub;
    private static LocalStack stack;
    private static SuiteClient client;
    private static String studyId;

    @BeforeAll
    static void runStudyOnAFlakyProvider() throws Exception {
        stub = new FlakyOpenAiStub(STUB_SEED, KEY);
        Path home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        LocalStack.Options defaults = LocalStack.Options.defaults(home, logs);
        Map<String, String> config = new HashMap<>();
        String model = "backfire.agent.models." + MODEL + ".";
        config.put(model + "provider", "openai");
        config.put(model + "base-url", stub.baseUrl());
        config.put(model + "model-id", "flaky-gpt");
        config.put(model + "api-key", KEY);
        config.put("backfire.agent.call.timeout", "4s");
        config.put("backfire.agent.call.retry.max-retries", "10");
        config.put("backfire.agent.call.retry.initial-delay", "20ms");
        config.put("backfire.agent.call.retry.max-delay", "200ms");
        config.put("backfire.agent.call.retry.jitter", "10ms");
        config.put("backfire.agent.call.retry.max-retry-after", "5s");
        config.put("backfire.agent.call.circuit-breaker.failure-ratio", "1.0");
        config.put("backfire.agent.call.circuit-breaker.request-volume-threshold", "200");
        // A call that gives up after all its retries is re-issued by the orchestrator; keep that wait short.
        config.put("backfire.orchestrator.turn-timeout", "30s");
        config.put("backfire.orchestrator.dispatch-interval", "1s");
        stack = LocalStack.start(defaults.withExtraProperties(config), step -> { });
        client = stack.client();
        long start = System.nanoTime();
        studyId = Studies.runToCompletion(client, SPEC, RUNS);
        System.out.printf("[flaky-provider] study %s: %d runs in %d s; stub: %d requests, %d rate-limited, %d server "
                        + "errors, %d timeouts, %d answered%n", studyId, RUNS,
                Math.round((System.nanoTime() - start) / 1e9), stub.requests.get(), stub.rateLimited.get(),
                stub.serverErrors.get(), stub.timeouts.get(), stub.answered.get());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void everyRunIsWholeAndInItsLanguage() {
        JsonNode runs = client.runs(studyId);
        assertEquals(RUNS, runs.size());
        for (JsonNode run : runs) {
            String runId = run.get("id").asText();
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            assertEquals(AGENTS * TURNS, run.get("messagesStored").asInt(), runId);
            boolean japanese = run.get("language").asText().equals("ja");
            JsonNode transcript = client.transcript(runId);
            assertFalse(transcript.get("synthetic").asBoolean(), "a real provider's transcript is not synthetic");
            assertEquals(TURNS, transcript.get("turns").size(), runId);
            for (JsonNode turn : transcript.get("turns")) {
                assertEquals(AGENTS, turn.get("messages").size(), runId + " turn " + turn.get("turn"));
                for (JsonNode m : turn.get("messages")) {
                    assertFalse(m.get("parseFailed").asBoolean(), m.toString());
                    assertEquals("flaky-gpt-stub-1", m.get("modelFingerprint").asText(), m.toString());
                    for (String channel : List.of("talk", "monologue")) {
                        String text = m.get(channel).asText();
                        assertFalse(text.isBlank(), channel + " of " + m);
                        assertEquals(japanese, text.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x30FF),
                                channel + " in the run's language: " + text);
                    }
                }
            }
        }
    }

    @Test
    void everyInjectedFaultIsARecordedRetry() throws Exception {
        TopicProbe probe = new TopicProbe(stack.kafkaBootstrap());
        Map<String, Integer> retriesPerMessage = new HashMap<>();
        int published = 0;
        int publishedRetries = 0;
        for (ConsumerRecord<String, String> r : probe.readAll(Topics.AGENT_MESSAGES, TOPIC_READ)) {
            AgentMessage m = EventCodec.decode(r.value(), AgentMessage.class);
            if (m.condition().studyId().equals(studyId)) {
                published++;
                publishedRetries += m.usage().retries();
                retriesPerMessage.merge(m.eventId(), m.usage().retries(), (a, b) -> -1);
            }
        }
        int failedCalls = 0;
        int failedAttempts = 0;
        int failedRetries = 0;
        Map<String, Integer> failureKinds = new HashMap<>();
        for (ConsumerRecord<String, String> r : probe.readAll(Topics.TURN_FAILURES, TOPIC_READ)) {
            TurnFailure f = EventCodec.decode(r.value(), TurnFailure.class);
            if (f.condition().studyId().equals(studyId)) {
                failedCalls++;
                failedAttempts += f.retries() + 1;
                failedRetries += f.retries();
                if (failureKinds.merge(f.kind().name(), 1, Integer::sum) == 1) {
                    System.out.println("[flaky-provider] first " + f.kind() + " failure: " + f.reason());
                }
            }
        }
        System.out.println("[flaky-provider] calls that gave up, by kind: " + failureKinds);
        assertEquals(null, failureKinds.get(TurnFailure.Kind.CIRCUIT_OPEN.name()),
                "the circuit breaker tripped; calls it refused never reached the stub");
        int faults = stub.injectedFaults();
        int recorded = publishedRetries + failedAttempts;
        int late = stub.answered.get() - published;
        int neverArrived = published + recorded - stub.requests.get();
        System.out.printf("[flaky-provider] %d stub requests; %d replies published with %d retries recorded in them, "
                        + "%d attempts of %d calls that gave up; the %d recorded retries are the %d injected faults, "
                        + "%d answers that came after the agent's timeout and %d attempts the agent abandoned before "
                        + "they reached the stub%n", stub.requests.get(), published, publishedRetries, failedAttempts,
                failedCalls, recorded, faults, late, neverArrived);
        assertEquals(0, stub.unauthorized.get(), "every call carried the key in its Authorization header");
        assertTrue(stub.rateLimited.get() > 0 && stub.serverErrors.get() > 0 && stub.timeouts.get() > 0,
                "the stub injected every kind of fault");
        assertEquals(RUNS * AGENTS * TURNS, retriesPerMessage.size(), "a reply for every (run, turn, agent)");
        // Every request the stub saw is the successful attempt of a published reply or a recorded retry ...
        assertTrue(neverArrived >= 0, "stub requests that are neither a published reply nor a recorded retry: "
                + -neverArrived);
        // ... so every injected fault, and every answer the agent had stopped waiting for, is a recorded retry.
        // On an idle machine both sides are equal; on a loaded one the agent may also give up on an attempt
        // before its request is written, which the stub cannot see.
        assertTrue(recorded >= faults + late, recorded + " recorded retries < " + faults + " injected faults + "
                + late + " late answers");

        String metrics = client.metrics(stack.url(LocalStack.AGENT));
        assertEquals(publishedRetries + failedRetries, sum(metrics, "backfire_agent_retries_total", MODEL), 1e-9,
                "the agent's retry counter");
        assertEquals(published, sum(metrics, "backfire_agent_calls_total", MODEL, "outcome=\"success\""), 1e-9);

        int storedWithRetries = 0;
        for (JsonNode run : client.runs(studyId)) {
            for (JsonNode turn : client.transcript(run.get("id").asText()).get("turns")) {
                for (JsonNode m : turn.get("messages")) {
                    storedWithRetries += m.get("retries").asInt() > 0 ? 1 : 0;
                }
            }
        }
        // Every stored reply that needed retries is a deviation logged against the study's lock.
        JsonNode deviations = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.deviationsJson(studyId));
        String lock = client.study(studyId).get("lockHash").asText();
        long callRetried = 0;
        for (JsonNode d : deviations) {
            assertEquals(lock, d.get("lockHash").asText(), "each deviation carries the lock");
            callRetried += "CALL_RETRIED".equals(d.get("kind").asText()) ? 1 : 0;
        }
        assertTrue(storedWithRetries > 0, "the faults made some replies need retries");
        assertEquals(storedWithRetries, callRetried, "one CALL_RETRIED deviation per stored reply with retries");

        if (published == retriesPerMessage.size()) {
            int stored = 0;
            for (JsonNode run : client.runs(studyId)) {
                for (JsonNode turn : client.transcript(run.get("id").asText()).get("turns")) {
                    for (JsonNode m : turn.get("messages")) {
                        String id = run.get("id").asText() + "/t" + turn.get("turn").asInt() + "/a"
                                + m.get("agentId").asInt();
                        assertEquals(retriesPerMessage.get(id).intValue(), m.get("retries").asInt(), id);
                        stored += m.get("retries").asInt();
                    }
                }
            }
            assertEquals(publishedRetries, stored, "retries in the transcripts");
        }
    }

    @Test
    void thePlantedKeyIsNowhereButTheAuthorizationHeader() throws Exception {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log);
                assertTrue(text.length() > 0, log + " is empty");
                if (text.contains(KEY)) {
                    leaks.add("log " + log.getFileName());
                }
            }
        }
        TopicProbe probe = new TopicProbe(stack.kafkaBootstrap());
        int events = 0;
        for (String topic : List.of(Topics.TURN_REQUESTS, Topics.AGENT_MESSAGES, Topics.TURN_FAILURES,
                Topics.MESSAGE_SCORES, Topics.RUN_EVENTS, Topics.DEAD_LETTERS)) {
            for (ConsumerRecord<String, String> r : probe.readAll(topic, TOPIC_READ)) {
                events++;
                if (String.valueOf(r.value()).contains(KEY) || String.valueOf(r.key()).contains(KEY)
                        || r.headers().toString().contains(KEY)) {
                    leaks.add("event on " + topic + " at offset " + r.offset());
                }
            }
        }
        assertTrue(events > RUNS * AGENTS * TURNS * 3, "the topics were read: " + events + " events");
        Map<String, String> answers = new HashMap<>();
        String orchestrator = stack.url(LocalStack.ORCHESTRATOR);
        String stats = stack.url(LocalStack.STATS);
        answers.put("transcripts.jsonl", client.transcriptsJsonl(studyId));
        answers.put("results", client.resultsJson(studyId));
        answers.put("agent-runs.csv", client.agentRunsCsv(studyId));
        answers.put("lock", client.lockJson(studyId));
        answers.put("deviations", client.deviationsJson(studyId));
        answers.put("studies", client.get(orchestrator + "/studies").body());
        answers.put("study", client.get(orchestrator + "/studies/" + studyId).body());
        answers.put("runs", client.get(orchestrator + "/studies/" + studyId + "/runs").body());
        for (JsonNode run : client.runs(studyId)) {
            String id = run.get("id").asText();
            answers.put("transcript " + id, client.get(orchestrator + "/runs/" + id + "/transcript").body());
            answers.put("scores " + id, client.get(stats + "/runs/" + id + "/scores").body());
        }
        for (String service : LocalStack.SERVICES) {
            answers.put("metrics of " + service, client.metrics(stack.url(service)));
        }
        answers.forEach((what, body) -> {
            if (body.contains(KEY)) {
                leaks.add(what);
            }
        });
        assertTrue(answers.get("transcripts.jsonl").lines().count() > RUNS * AGENTS * TURNS, "the export was read");
        assertEquals(List.of(), leaks, "the planted key leaked");
    }

    /** Sum of a metric's series for the model (and the extra label, if given) in Prometheus text. */
    private static double sum(String metrics, String name, String model, String... labels) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains("model=\"" + model + "\""))
                .filter(l -> Stream.of(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
