package dev.backfire.scoring.rescore;

import dev.backfire.scoring.config.ScoringConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Reads a stored study's transcripts export from the orchestrator's REST API. */
@ApplicationScoped
public class OrchestratorClient {
    static final String HEADER = "X-API-Key";
    static final int RETRIES = 2;
    static final long RETRY_DELAY_MS = 500;
    /** Our timeout of one attempt; the HTTP client's own ({@code backfire.scoring.orchestrator.timeout}) is the backstop. */
    static final long TIMEOUT_SECONDS = 120;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ScoringConfig.Orchestrator config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    public OrchestratorClient(ScoringConfig config) {
        this.config = config.orchestrator();
    }

    /** What the orchestrator answered: 200 with the export, or 404 for an unknown study. */
    public record Export(int status, String body) {
    }

    /**
     * The study's {@code GET /studies/{id}/transcripts.jsonl}.
     *
     * @throws OrchestratorUnavailableException when it cannot be reached or answers with an error other than 404
     */
    @Timeout(value = TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = RETRIES, delay = RETRY_DELAY_MS)
    public Export transcripts(String studyId) {
        String url = config.url().replaceAll("/+$", "") + "/studies/" + URLEncoder.encode(studyId,
                StandardCharsets.UTF_8).replace("+", "%20") + "/transcripts.jsonl";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout()).GET();
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(key -> request.header(HEADER, key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OrchestratorUnavailableException("cannot reach the orchestrator at " + config.url() + ": "
                    + e.getClass().getSimpleName(), new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorUnavailableException("interrupted while reading from the orchestrator", e);
        }
        if (response.statusCode() == 200 || response.statusCode() == 404) {
            return new Export(response.statusCode(), response.body());
        }
        throw new OrchestratorUnavailableException("the orchestrator at " + config.url() + " answered HTTP "
                + response.statusCode() + " for study '" + studyId + "'", null);
    }
}
