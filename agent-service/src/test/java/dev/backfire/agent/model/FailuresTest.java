package dev.backfire.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import dev.backfire.contracts.TurnFailure.Kind;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    @Test
    void classifiesThroughTheCauseChain() {
        assertEquals(Kind.RATE_LIMITED, Failures.kind(new RateLimitException(new HttpException(429, "slow down"))));
        assertEquals(Kind.RATE_LIMITED, Failures.kind(new ProcessingException(new RetryAfterException(429, Duration.ofSeconds(2)))));
        assertEquals(Kind.PROVIDER_ERROR, Failures.kind(new RuntimeException(new HttpException(502, "bad gateway"))));
        assertEquals(Kind.TIMEOUT, Failures.kind(new TimeoutException("timed out")));
        assertEquals(Kind.TIMEOUT, Failures.kind(new ProcessingException(new java.net.SocketTimeoutException("read"))));
        assertEquals(Kind.TIMEOUT, Failures.kind(new HttpException(408, "request timeout")));
        assertEquals(Kind.CIRCUIT_OPEN, Failures.kind(new CircuitBreakerOpenException("open")));
        assertEquals(Kind.BAD_REPLY, Failures.kind(new ProcessingException(new JsonParseException(null, "eof"))));
        assertEquals(Kind.BAD_REPLY, Failures.kind(new BadReplyException("no message")));
        assertEquals(Kind.PROVIDER_ERROR, Failures.kind(new ProcessingException(new ConnectException("refused"))));
    }

    @Test
    void retriesTransientFailuresOnly() {
        assertTrue(Failures.retryable(new HttpException(500, "x"), MAX_WAIT));
        assertTrue(Failures.retryable(new HttpException(429, "x"), MAX_WAIT));
        assertTrue(Failures.retryable(new TimeoutException("x"), MAX_WAIT));
        assertTrue(Failures.retryable(new ProcessingException(new ConnectException("refused")), MAX_WAIT));
        assertFalse(Failures.retryable(new HttpException(401, "x"), MAX_WAIT));
        assertFalse(Failures.retryable(new HttpException(400, "x"), MAX_WAIT));
        assertFalse(Failures.retryable(new CircuitBreakerOpenException("x"), MAX_WAIT));
        assertFalse(Failures.retryable(new BadReplyException("x"), MAX_WAIT));
        assertTrue(Failures.retryable(new RetryAfterException(429, Duration.ofSeconds(60)), MAX_WAIT));
        assertFalse(Failures.retryable(new RetryAfterException(429, Duration.ofSeconds(61)), MAX_WAIT),
                "a provider asking for longer than we wait gets no retry");
    }

    @Test
    void onlySickOrSlowEndpointsCountAgainstTheCircuit() {
        assertTrue(Failures.countsAgainstCircuit(new HttpException(503, "x")));
        assertTrue(Failures.countsAgainstCircuit(new TimeoutException("x")));
        assertTrue(Failures.countsAgainstCircuit(new ProcessingException(new ConnectException("refused"))));
        assertFalse(Failures.countsAgainstCircuit(new HttpException(429, "x")));
        assertFalse(Failures.countsAgainstCircuit(new HttpException(401, "x")));
        assertFalse(Failures.countsAgainstCircuit(new BadReplyException("x")));
    }

    @Test
    void reasonsNeverCarryKeys() {
        String key = "sk-proj-abcdefghijklmnop";
        String reason = Failures.reason(new HttpException(401, "Incorrect API key provided: " + key + " (Bearer "
                + key + ")"), List.of(key));
        assertTrue(reason.startsWith("PROVIDER_ERROR HTTP 401"), reason);
        assertFalse(reason.contains(key), reason);
        assertFalse(Failures.redact("Authorization: Bearer abc.def-123", List.of()).contains("abc.def-123"));
        assertFalse(Failures.redact("key gsk_0123456789abcdef leaked", List.of()).contains("0123456789abcdef"));
        assertTrue(Failures.redact("x".repeat(1000), List.of()).length() <= 300);
    }

    @Test
    void findsTheRetryAfter() {
        assertEquals(Optional.of(Duration.ofSeconds(3)),
                Failures.retryAfter(new RateLimitException(new RetryAfterException(429, Duration.ofSeconds(3)))));
        assertEquals(Optional.empty(), Failures.retryAfter(new HttpException(429, "x")));
    }
}
