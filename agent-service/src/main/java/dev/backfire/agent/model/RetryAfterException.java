package dev.backfire.agent.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * A provider refused with 429 or 503 and said when to come back. Raised by {@link RetryAfterFilter}, because
 * the provider clients' own HTTP exceptions carry the status and body but not the headers. It extends
 * langchain4j's {@link HttpException}, so langchain4j still maps it (429 to {@code RateLimitException})
 * with this exception as the cause, where {@link Failures#retryAfter} finds it.
 */
public class RetryAfterException extends HttpException {
    private final transient Duration retryAfter;

    public RetryAfterException(int statusCode, Duration retryAfter) {
        super(statusCode, "HTTP " + statusCode + ", Retry-After " + retryAfter.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
