package dev.backfire.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One study whose agent slots 0-4 talk to an OpenAI-compatible endpoint and slots 5-9 to Ollama, chosen by the
 * spec alone ({@code model.name} and {@code model.slots}); both endpoints are WireMock on loopback speaking
 * their real wire formats. Every message must come from the provider its slot names, and each provider must
 * have been called exactly once per message of its slots.
 */
class MixedProvidersTest {
    private static final int AGENTS = 10;
    private static final int TURNS = 15;
    private static final int RUNS = 4;
    private static final int FIRST_OLLAMA_SLOT = 5;
    private static final String OPENAI_PATH = "/v1/chat/completions";
    private static final String OLLAMA_PATH = "/api/chat";
    private static final String OPENAI_FINGERPRINT = "gpt-mixed-2024-11-20";
    private static final String OLLAMA_FINGERPRINT = "llama-mixed:70b";
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: mixed-providers
            design: {languages: [en], alignmentRatios: [0, 1], replicates: 2}
            model:
              name: gpt
              slots: {"5": llama, "6": llama, "7": llama, "8": llama, "9": llama}
            seed: 11
            """;
    private static final String REPLY = "<talk>We should stay together and refuse to single anyone out.</talk>\n"
            + "<monologue>I am frightened, but I will not say so aloud in this room.</monologue>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path logs;
    private static WireMockServer providers;
    private static LocalStack stack;
    private static SuiteClient client;
    private static String studyId;

    @BeforeAll
    static void runStudyOnTwoProviders() throws Exception {
        providers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        providers.start();
        providers.stubFor(post(urlEqualTo(OPENAI_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo("gpt-mixed")))
                .willReturn(json(Map.of("id", "chatcmpl-mixed", "object", "chat.completion", "created", 1_765_000_000,
                        "model", OPENAI_FINGERPRINT,
                        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", REPLY),
                                "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", 120, "completion_tokens", 30, "total_tokens", 150)))));
        providers.stubFor(post(urlEqualTo(OLLAMA_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo("llama-mixed")))
                .willReturn(json(Map.of("model", OLLAMA_FINGERPRINT, "created_at", "2026-12-06T07:00:00.000000Z",
                        "message", Map.of("role", "assistant", "content", REPLY),
                        "done", true, "done_reason", "stop", "prompt_eval_count", 110, "eval_count", 28))));

        Path home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        LocalStack.Options defaults = LocalStack.Options.defaults(home, logs);
        Map<String, String> config = new HashMap<>();
        config.put("backfire.agent.models.gpt.provider", "openai");
        config.put("backfire.agent.models.gpt.base-url", providers.baseUrl() + "/v1/");
        config.put("backfire.agent.models.gpt.model-id", "gpt-mixed");
        config.put("backfire.agent.models.gpt.api-key", "mixed-test-key");
        config.put("backfire.agent.models.llama.provider", "ollama");
        config.put("backfire.agent.models.llama.base-url", providers.baseUrl());
        config.put("backfire.agent.models.llama.model-id", "llama-mixed");
        stack = LocalStack.start(defaults.withExtraProperties(config), step -> { });
        client = stack.client();
        studyId = Studies.runToCompletion(client, SPEC, RUNS);
    }

    private static ResponseDefinitionBuilder json(Map<String, Object> body) {
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (providers != null) {
            providers.stop();
        }
    }

    @Test
    void eachSlotIsAnsweredByTheProviderTheSpecNames() {
        JsonNode runs = client.runs(studyId);
        assertEquals(RUNS, runs.size());
        for (JsonNode run : runs) {
            String runId = run.get("id").asText();
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            assertEquals(AGENTS * TURNS, run.get("messagesStored").asInt(), runId);
            JsonNode transcript = client.transcript(runId);
            assertFalse(transcript.get("synthetic").asBoolean(), "real providers' transcripts are not synthetic");
            for (JsonNode turn : transcript.get("turns")) {
                assertEquals(AGENTS, turn.get("messages").size(), runId + " turn " + turn.get("turn"));
                for (JsonNode m : turn.get("messages")) {
                    boolean ollama = m.get("agentId").asInt() >= FIRST_OLLAMA_SLOT;
                    assertEquals(ollama ? "llama" : "gpt", m.get("model").asText(), m.toString());
                    assertEquals(ollama ? OLLAMA_FINGERPRINT : OPENAI_FINGERPRINT, m.get("modelFingerprint").asText(),
                            m.toString());
                    assertFalse(m.get("parseFailed").asBoolean(), m.toString());
                    assertEquals(ollama ? 110 : 120, m.get("inputTokens").asInt(), "tokens as each provider counted them");
                }
            }
        }
    }

    @Test
    void eachProviderIsCalledOncePerMessageOfItsSlots() {
        int perProvider = RUNS * TURNS * AGENTS / 2;
        assertEquals(perProvider, providers.findAll(postRequestedFor(urlEqualTo(OPENAI_PATH))).size());
        assertEquals(perProvider, providers.findAll(postRequestedFor(urlEqualTo(OLLAMA_PATH))).size());
    }
}
