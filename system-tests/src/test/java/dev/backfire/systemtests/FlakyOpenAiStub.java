package dev.backfire.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock server on 127.0.0.1 speaking the OpenAI chat-completions wire format, with seeded fault
 * injection: of all calls, {@link #RATE_LIMITED} answer 429 (with {@code retry-after-ms}), {@link #SERVER_ERRORS}
 * answer 500, 502 or 503, and {@link #TIMEOUTS} answer only after {@link #TIMEOUT_DELAY_MS}, longer than the
 * agent waits. The rest answer a two-channel reply ({@code <talk>..</talk><monologue>..</monologue>}) in the
 * run's language (Japanese when the prompt is, English otherwise), chosen from the request.
 *
 * <p>Deterministic: whether the n-th call with a given request body fails, and how, is a function of the seed,
 * the body and n; and the reply is a function of the body alone, so the prompts of later turns do not depend
 * on which attempt succeeded. Concurrent calls with identical bodies share one sequence of outcomes, so the
 * total injected stays the same whatever the interleaving (unless the machine is so loaded that a good answer
 * comes after the agent's timeout and costs an extra call). Error bodies echo the
 * API key, as careless providers do, so that a leak of an error body would show. Counts every outcome.
 */
final class FlakyOpenAiStub implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    static final double RATE_LIMITED = 0.15;
    static final double SERVER_ERRORS = 0.15;
    static final double TIMEOUTS = 0.05;
    static final int TIMEOUT_DELAY_MS = 8_000;
    static final String RETRY_AFTER_MS = "20";
    private static final int[] SERVER_STATUSES = {500, 502, 503};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TALK_EN = List.of("We should stay together and refuse to single anyone out.",
            "I will not condemn anyone, whatever the rules say.", "Let us stay calm and look after each other.");
    private static final List<String> MONOLOGUE_EN = List.of("I am frightened, but I will not say so aloud.",
            "They cannot make me turn on the others.", "I keep thinking about the one they want to send out.");
    private static final List<String> TALK_JA = List.of("みんなで一緒にいて、誰も追い出さないようにしましょう。",
            "規則が何と言っても、私は誰も責めません。", "落ち着いて、お互いを気遣いましょう。");
    private static final List<String> MONOLOGUE_JA = List.of("怖いけれど、声には出さない。",
            "他の人を裏切るつもりはない。", "追い出されそうな人のことを考えてしまう。");

    private final long seed;
    private final String apiKey;
    private final WireMockServer server;
    private final Map<String, AtomicInteger> callsPerBody = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger rateLimited = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger timeouts = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    /** Requests whose Authorization header was not exactly the configured key. */
    final AtomicInteger unauthorized = new AtomicInteger();

    FlakyOpenAiStub(long seed, String apiKey) {
        this.seed = seed;
        this.apiKey = apiKey;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).extensions(new Injector()));
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
    }

    /** The base URL to configure as the model's {@code base-url}. */
    String baseUrl() {
        return server.baseUrl() + "/v1/";
    }

    int injectedFaults() {
        return rateLimited.get() + serverErrors.get() + timeouts.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Injector implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            requests.incrementAndGet();
            if (!("Bearer " + apiKey).equals(event.getRequest().getHeader("Authorization"))) {
                unauthorized.incrementAndGet();
            }
            String body = event.getRequest().getBodyAsString();
            String digest = sha256(body);
            int call = callsPerBody.computeIfAbsent(digest, d -> new AtomicInteger()).getAndIncrement();
            long draw = mix(seed ^ Long.parseUnsignedLong(digest.substring(0, 15), 16), call);
            double u = (draw >>> 11) * 0x1.0p-53;
            if (u < RATE_LIMITED) {
                rateLimited.incrementAndGet();
                return error(429, "Rate limit reached for requests").withHeader("retry-after-ms", RETRY_AFTER_MS)
                        .build();
            }
            if (u < RATE_LIMITED + SERVER_ERRORS) {
                serverErrors.incrementAndGet();
                return error(SERVER_STATUSES[(int) Long.remainderUnsigned(draw, SERVER_STATUSES.length)],
                        "The server had an error while processing your request").build();
            }
            ResponseDefinitionBuilder reply = completion(body, Long.parseUnsignedLong(digest.substring(15, 30), 16));
            if (u < RATE_LIMITED + SERVER_ERRORS + TIMEOUTS) {
                timeouts.incrementAndGet();
                return reply.withFixedDelay(TIMEOUT_DELAY_MS).build();
            }
            answered.incrementAndGet();
            return reply.build();
        }

        @Override
        public String getName() {
            return "seeded-faults";
        }
    }

    private ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + " (key " + apiKey + ")\",\"type\":\"server\"}}");
    }

    /** The reply to a request: a function of the request alone, whichever attempt gets it. */
    private static ResponseDefinitionBuilder completion(String requestBody, long pick) {
        boolean japanese;
        String model;
        try {
            JsonNode request = JSON.readTree(requestBody);
            model = request.path("model").asText();
            japanese = request.path("messages").toString().codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x30FF);
        } catch (Exception e) {
            throw new IllegalStateException("not a chat-completions request: " + requestBody, e);
        }
        int talk = (int) Long.remainderUnsigned(pick, TALK_EN.size());
        int monologue = (int) Long.remainderUnsigned(pick >>> 8, MONOLOGUE_EN.size());
        String content = "<talk>" + (japanese ? TALK_JA : TALK_EN).get(talk) + "</talk>\n<monologue>"
                + (japanese ? MONOLOGUE_JA : MONOLOGUE_EN).get(monologue) + "</monologue>";
        Map<String, Object> body = Map.of(
                "id", "chatcmpl-stub",
                "object", "chat.completion",
                "created", 1_765_000_000,
                "model", model + "-stub-1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 30, "total_tokens", 150));
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SplitMix64 of a seed and an index. */
    private static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
