package dev.backfire.agent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backfire.contracts.TurnFailure.Kind;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Classifies what a model call threw, from the whole cause chain (the provider clients wrap: the REST client
 * in {@code ProcessingException}, langchain4j in its own exception types):
 * <ul>
 *   <li>open circuit: CIRCUIT_OPEN;</li>
 *   <li>a body that is not the provider's JSON (Jackson error, OpenAI's error object with HTTP 200),
 *       {@link BadReplyException}: BAD_REPLY;</li>
 *   <li>HTTP 429 or langchain4j's {@code RateLimitException}: RATE_LIMITED;</li>
 *   <li>HTTP 408 or any exception whose class name contains "Timeout" (ours, Vert.x, Netty, JDK,
 *       langchain4j): TIMEOUT;</li>
 *   <li>anything else (5xx, other 4xx, connection errors): PROVIDER_ERROR.</li>
 * </ul>
 * Thread-safe, no state.
 */
public final class Failures {
    private static final int MAX_DEPTH = 16;
    private static final int MAX_REASON = 300;
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(bearer\\s+)[^\\s\"',]+|\\b(sk|rk|gsk|pk|or|tgp)[-_][A-Za-z0-9_\\-*.]{6,}");

    private Failures() {
    }

    /** The failure class of an exception. */
    public static Kind kind(Throwable t) {
        Kind fallback = Kind.PROVIDER_ERROR;
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = c.getCause()) {
            if (c instanceof CircuitBreakerOpenException) {
                return Kind.CIRCUIT_OPEN;
            }
            if (c instanceof BadReplyException || c instanceof JsonProcessingException
                    || c.getClass().getName().endsWith("OpenAiApiException")) {
                return Kind.BAD_REPLY;
            }
            if (c instanceof RateLimitException) {
                return Kind.RATE_LIMITED;
            }
            if (c instanceof HttpException h) {
                if (h.statusCode() == 429) {
                    return Kind.RATE_LIMITED;
                }
                if (h.statusCode() == 408) {
                    return Kind.TIMEOUT;
                }
                return Kind.PROVIDER_ERROR;
            }
            if (c.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                fallback = Kind.TIMEOUT;
            }
        }
        return fallback;
    }

    /** The HTTP status in the cause chain, if any. */
    public static Optional<Integer> status(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return Optional.of(h.statusCode());
            }
        }
        return Optional.empty();
    }

    /** The wait the provider asked for, if it did. */
    public static Optional<Duration> retryAfter(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = c.getCause()) {
            if (c instanceof RetryAfterException r) {
                return Optional.of(r.retryAfter());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether our retry should try again: rate limits (unless the provider asks for longer than
     * {@code maxRetryAfter}), timeouts, 5xx and connection errors, and 408/409/425; not other 4xx (a bad
     * request or key does not get better), not bad replies (they have their own single retry), not an
     * open circuit, not an argument the model refuses.
     */
    public static boolean retryable(Throwable t, Duration maxRetryAfter) {
        Kind kind = kind(t);
        return switch (kind) {
            case RATE_LIMITED -> retryAfter(t).map(d -> d.compareTo(maxRetryAfter) <= 0).orElse(true);
            case TIMEOUT -> true;
            case PROVIDER_ERROR -> status(t).map(s -> s >= 500 || s == 409 || s == 425).orElse(!isArgument(t));
            default -> false;
        };
    }

    /** Whether an attempt's failure counts against the model's circuit: the endpoint is sick or slow. */
    public static boolean countsAgainstCircuit(Throwable t) {
        Kind kind = kind(t);
        return kind == Kind.TIMEOUT
                || (kind == Kind.PROVIDER_ERROR && status(t).map(s -> s >= 500).orElse(!isArgument(t)));
    }

    /**
     * A one-line reason for a {@code TurnFailure} and the log: the kind, the HTTP status, the exception's
     * message with anything that looks like a credential, and every configured key, masked; at most 300
     * characters.
     */
    public static String reason(Throwable t, Collection<String> secrets) {
        Throwable detail = t;
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = c.getCause()) {
            detail = c;
            if (c instanceof HttpException || c instanceof CircuitBreakerOpenException) {
                break;
            }
        }
        StringBuilder reason = new StringBuilder(kind(t).name());
        status(t).ifPresent(s -> reason.append(" HTTP ").append(s));
        retryAfter(t).ifPresent(d -> reason.append(" retry-after ").append(d.toMillis()).append("ms"));
        String message = detail.getMessage();
        reason.append(": ").append(detail.getClass().getSimpleName());
        if (message != null && !message.isBlank()) {
            reason.append(": ").append(message.replaceAll("\\s+", " ").strip());
        }
        return redact(reason.toString(), secrets);
    }

    /** Masks every configured secret and anything shaped like a key or bearer token; truncates. */
    public static String redact(String text, Collection<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        out = SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? m.group(1) + "***" : "***"));
        return out.length() <= MAX_REASON ? out : out.substring(0, MAX_REASON - 3) + "...";
    }

    private static boolean isArgument(Throwable t) {
        return t instanceof IllegalArgumentException;
    }
}
