package dev.backfire.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void parsesSecondsMillisAndDates() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfterFilter.parse(null, "7"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfterFilter.parse(null, "1.5"));
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfterFilter.parse("250", "7"), "retry-after-ms wins");
        assertEquals(Optional.empty(), RetryAfterFilter.parse(null, "soon"));
        assertEquals(Optional.empty(), RetryAfterFilter.parse(null, null));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration d = RetryAfterFilter.parse(null, inTenSeconds).orElseThrow();
        assertTrue(d.compareTo(Duration.ofSeconds(8)) >= 0 && d.compareTo(Duration.ofSeconds(11)) <= 0, d.toString());
    }

    @Test
    void backoffIsExponentialCappedJitteredAndHonoursRetryAfter() {
        Backoff b = new Backoff(Duration.ofMillis(100), 2, Duration.ofMillis(500), Duration.ofMillis(10));
        b.init(100);
        long[] expected = {100, 200, 400, 500, 500};
        for (long e : expected) {
            long d = b.nextDelayInMillis(new RuntimeException());
            assertTrue(d >= e && d <= e + 10, "delay " + d + ", expected " + e + " + jitter");
        }
        Backoff fresh = new Backoff(Duration.ofMillis(100), 2, Duration.ofMillis(500), Duration.ofMillis(10));
        fresh.init(100);
        long d = fresh.nextDelayInMillis(new RetryAfterException(429, Duration.ofSeconds(2)));
        assertTrue(d >= 2000 && d <= 2010, "a Retry-After longer than the cap is honoured in full: " + d);
    }
}
