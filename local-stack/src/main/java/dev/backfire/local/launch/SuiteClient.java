package dev.backfire.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST calls the CLI and the system tests make to a running suite. */
public final class SuiteClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String orchestrator;
    private final String stats;

    public SuiteClient(HttpClient http, String orchestratorUrl, String statsUrl) {
        this.http = http;
        this.orchestrator = orchestratorUrl;
        this.stats = statsUrl;
    }

    /** An HTTP answer. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    public String orchestratorUrl() {
        return orchestrator;
    }

    public String statsUrl() {
        return stats;
    }

    /** Submits a spec; 201 with the study or 400 with the problems. */
    public Answer submit(byte[] spec) {
        return send(HttpRequest.newBuilder(URI.create(orchestrator + "/studies"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(spec)));
    }

    public JsonNode study(String id) {
        return ok(get(orchestrator + "/studies/" + id)).json();
    }

    public JsonNode runs(String id) {
        return ok(get(orchestrator + "/studies/" + id + "/runs")).json();
    }

    public JsonNode transcript(String runId) {
        return ok(get(orchestrator + "/runs/" + runId + "/transcript")).json();
    }

    /** The stats service's view of a study; 404 until it heard of it. */
    public Answer statsStudy(String id) {
        return get(stats + "/studies/" + id);
    }

    public String resultsJson(String id) {
        return ok(get(stats + "/studies/" + id + "/results")).body();
    }

    public String transcriptsJsonl(String id) {
        return ok(get(orchestrator + "/studies/" + id + "/transcripts.jsonl")).body();
    }

    /** What the study's preregistration lock covers (GET /studies/{id}/lock on the orchestrator). */
    public String lockJson(String id) {
        return ok(get(orchestrator + "/studies/" + id + "/lock")).body();
    }

    /** The study's deviations from its preregistered plan (GET /studies/{id}/deviations on the orchestrator). */
    public String deviationsJson(String id) {
        return ok(get(orchestrator + "/studies/" + id + "/deviations")).body();
    }

    public String agentRunsCsv(String id) {
        return ok(get(stats + "/studies/" + id + "/agent-runs.csv")).body();
    }

    public String metrics(String baseUrl) {
        return ok(get(baseUrl + "/q/metrics")).body();
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Answer ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
