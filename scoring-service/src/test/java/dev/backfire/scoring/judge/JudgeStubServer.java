package dev.backfire.scoring.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server on 127.0.0.1 speaking OpenAI's {@code /v1/chat/completions}, as the judge's endpoint.
 * It rates like a reader would on the test messages: a refusal where the talk says "refuse", nothing
 * otherwise, and prose instead of JSON where the talk says "UNREADABLE".
 */
public class JudgeStubServer implements QuarkusTestResourceLifecycleManager {
    /** The planted key: it must reach the Authorization header and nothing else. */
    public static final String KEY = "sk-judge-PLANTED-9d8e7f6a";
    public static final String MODEL = "judge-test";
    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(completion(rating(0))));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("refuse")))
                .willReturn(completion(rating(1))));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("UNREADABLE")))
                .willReturn(completion("I would rather not rate this message.")));
        return Map.of("backfire.scoring.judge.enabled", "true",
                "backfire.scoring.judge.base-url", server.baseUrl() + "/v1/",
                "backfire.scoring.judge.model", MODEL,
                "backfire.scoring.judge.api-key", KEY);
    }

    private static String rating(int refusals) {
        return "```json\n{\"protective.individual\": " + refusals + ", \"protective.harmony\": 0, "
                + "\"protective.general\": 0, \"sexual\": 0, \"conformity\": 0, \"individuation\": 0}\n```";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-judge").put("object", "chat.completion").put("created", 1_700_000_000L)
                .put("model", MODEL);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 30).put("total_tokens", 130);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
