package dev.backfire.agent.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireMock server on 127.0.0.1 that speaks the OpenAI {@code /v1/chat/completions} and Ollama
 * {@code /api/chat} wire formats, with one stub per scenario, and the model catalogue that points the agent
 * at it. Scenarios are selected by the provider model id ({@code $.model}) and, for the main OpenAI model, by
 * a marker in the user prompt.
 */
public class LlmStubServer implements QuarkusTestResourceLifecycleManager {
    /** The planted API key: it must reach the Authorization header and nothing else. */
    public static final String KEY = "sk-test-PLANTED-4f9c2e7a1b";
    public static final String OPENAI_PATH = "/v1/chat/completions";
    public static final String OLLAMA_PATH = "/api/chat";
    public static final String GOOD_TALK = "We should stay together and refuse to single anyone out.";
    public static final String GOOD_MONOLOGUE = "I am frightened, but I will not say so aloud.";
    public static final String GOOD_REPLY = "<talk>" + GOOD_TALK + "</talk>\n<monologue>" + GOOD_MONOLOGUE + "</monologue>";
    public static final String WRONG_LANGUAGE_TALK = "I will not condemn anyone, whatever the rules say.";
    public static final String OPENAI_FINGERPRINT = "gpt-test-2024-11-20";
    public static final String OLLAMA_FINGERPRINT = "llama-test:8b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    /** The running server, for verifications. */
    public static WireMockServer server() {
        return server;
    }

    /** The marker a test puts in the user prompt to select an OpenAI scenario. */
    public static String marker(String scenario) {
        return "[scenario=" + scenario + "]";
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().asynchronousResponseEnabled(true));
        server.start();
        stubOpenAi();
        stubOllama();

        Map<String, String> config = new HashMap<>();
        String openAiUrl = server.baseUrl() + "/v1/";
        model(config, "oa", "openai", openAiUrl, "gpt-test");
        config.put("backfire.agent.models.oa.api-key", KEY);
        config.put("backfire.agent.models.oa.price-per-1k-input", "0.5");
        config.put("backfire.agent.models.oa.price-per-1k-output", "1.5");
        model(config, "oa-flaky", "openai", openAiUrl, "flaky-model");
        model(config, "oa-slow", "openai", openAiUrl, "slow-model");
        model(config, "oa-broken", "openai", openAiUrl, "broken-model");
        model(config, "ol", "ollama", server.baseUrl(), "llama-test");
        return config;
    }

    private static void model(Map<String, String> config, String name, String provider, String url, String id) {
        config.put("backfire.agent.models." + name + ".provider", provider);
        config.put("backfire.agent.models." + name + ".base-url", url);
        config.put("backfire.agent.models." + name + ".model-id", id);
    }

    private static MappingBuilder openAi(String modelId) {
        return post(urlEqualTo(OPENAI_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(modelId)));
    }

    private static MappingBuilder openAi(String modelId, String scenario) {
        return openAi(modelId).withRequestBody(containing(marker(scenario)));
    }

    private static void stubOpenAi() {
        server.stubFor(openAi("gpt-test", "normal").willReturn(completion(GOOD_REPLY)));
        server.stubFor(openAi("gpt-test", "wrong-language").willReturn(completion(
                "<talk>" + WRONG_LANGUAGE_TALK + "</talk><monologue>They cannot make me.</monologue>")));
        server.stubFor(openAi("gpt-test", "json").willReturn(completion(
                "```json\n{\"talk\": \"" + GOOD_TALK + "\", \"monologue\": \"" + GOOD_MONOLOGUE + "\"}\n```")));

        server.stubFor(openAi("gpt-test", "rate-limit").inScenario("rate-limit")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\"}}")));
        server.stubFor(openAi("gpt-test", "rate-limit").inScenario("rate-limit")
                .whenScenarioStateIs("limited").willReturn(completion(GOOD_REPLY)));

        server.stubFor(openAi("gpt-test", "malformed").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"message\": {\"content\": \"<talk>cut")));
        server.stubFor(openAi("gpt-test", "empty-always").willReturn(completion("")));
        server.stubFor(openAi("gpt-test", "empty-once").inScenario("empty-once")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered").willReturn(completion("")));
        server.stubFor(openAi("gpt-test", "empty-once").inScenario("empty-once")
                .whenScenarioStateIs("answered").willReturn(completion(GOOD_REPLY)));
        server.stubFor(openAi("gpt-test", "unauthorized").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

        server.stubFor(openAi("flaky-model").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("one-500").willReturn(serverError()));
        server.stubFor(openAi("flaky-model").inScenario("flaky").whenScenarioStateIs("one-500")
                .willSetStateTo("two-500").willReturn(serverError()));
        server.stubFor(openAi("flaky-model").inScenario("flaky").whenScenarioStateIs("two-500")
                .willReturn(completion(GOOD_REPLY)));
        server.stubFor(openAi("broken-model").willReturn(serverError()));
        server.stubFor(openAi("slow-model").willReturn(completion(GOOD_REPLY).withFixedDelay(3_000)));
    }

    private static void stubOllama() {
        server.stubFor(post(urlEqualTo(OLLAMA_PATH)).withRequestBody(matchingJsonPath("$.model", equalTo("llama-test")))
                .willReturn(json(Map.of(
                        "model", OLLAMA_FINGERPRINT,
                        "created_at", "2026-11-22T07:00:00.000000Z",
                        "message", Map.of("role", "assistant", "content", GOOD_REPLY),
                        "done", true,
                        "done_reason", "stop",
                        "prompt_eval_count", 31,
                        "eval_count", 12))));
    }

    private static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\"}}");
    }

    private static ResponseDefinitionBuilder completion(String content) {
        return json(Map.of(
                "id", "chatcmpl-test",
                "object", "chat.completion",
                "created", 1_732_000_000,
                "model", OPENAI_FINGERPRINT,
                "choices", List.of(Map.of("index", 0,
                        "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 42, "completion_tokens", 17, "total_tokens", 59)));
    }

    private static ResponseDefinitionBuilder json(Object body) {
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
