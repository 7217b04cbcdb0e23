package dev.backfire.agent.model;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (delta-seconds or HTTP date) and OpenAI's {@code retry-after-ms} from a 429 or
 * 503 response and raises {@link RetryAfterException}, so that our retry can wait as long as the provider
 * asked. Registered globally ({@code @Provider}: Quarkus REST clients, which the OpenAI provider uses) and
 * explicitly on the Ollama client. A response without the header passes through untouched.
 */
@Provider
public class RetryAfterFilter implements ClientResponseFilter {

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        int status = response.getStatus();
        if (status != 429 && status != 503) {
            return;
        }
        Optional<Duration> wait = parse(response.getHeaderString("retry-after-ms"), response.getHeaderString("Retry-After"));
        if (wait.isPresent()) {
            throw new RetryAfterException(status, wait.get());
        }
    }

    /** The wait a response asks for: {@code retry-after-ms} first, then {@code Retry-After}; empty if neither parses. */
    static Optional<Duration> parse(String retryAfterMs, String retryAfter) {
        if (retryAfterMs != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.strip()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value) * 1000))));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
