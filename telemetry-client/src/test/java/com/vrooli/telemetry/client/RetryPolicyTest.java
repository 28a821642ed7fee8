package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10),
            Duration.ofMinutes(30), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void retryAfterInSecondsIsHonoured() {
        assertEquals(Duration.ofSeconds(7).toNanos(), policy.delayNanos(1, "7"));
        assertEquals(Duration.ofSeconds(7), RetryPolicy.parseRetryAfter(" 7 ", NOW));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        assertEquals(Duration.ofSeconds(90), RetryPolicy.parseRetryAfter("Wed, 15 Jan 2025 12:01:30 GMT", NOW));
        assertEquals(Duration.ofSeconds(90).toNanos(), policy.delayNanos(3, "Wed, 15 Jan 2025 12:01:30 GMT"));
    }

    @Test
    void aRetryAfterDateInThePastMeansNowSoTheBackoffApplies() {
        assertEquals(Duration.ZERO, RetryPolicy.parseRetryAfter("Wed, 15 Jan 2025 11:00:00 GMT", NOW));
        long delay = policy.delayNanos(1, "Wed, 15 Jan 2025 11:00:00 GMT");
        assertTrue(delay >= 1 && delay <= Duration.ofMillis(100).toNanos(), "delay " + delay);
    }

    @Test
    void anAbsurdRetryAfterIsCapped() {
        assertEquals(Duration.ofMinutes(30).toNanos(), policy.delayNanos(1, "99999999999999999999"));
    }

    @Test
    void garbageRetryAfterFallsBackToTheBackoff() {
        assertNull(RetryPolicy.parseRetryAfter("soon", NOW));
        long delay = policy.delayNanos(2, "soon");
        assertTrue(delay >= 1 && delay <= Duration.ofMillis(200).toNanos(), "delay " + delay);
    }

    @Test
    void backoffIsFullJitterUnderAnExponentialBoundThatStopsAtTheCap() {
        for (int failures = 1; failures <= 70; failures++) {
            long bound = BigInteger.valueOf(Duration.ofMillis(100).toNanos()).shiftLeft(failures - 1)
                    .min(BigInteger.valueOf(Duration.ofSeconds(10).toNanos())).longValueExact();
            for (int i = 0; i < 200; i++) {
                long d = policy.backoffNanos(failures);
                assertTrue(d >= 1 && d <= bound, "failures " + failures + " delay " + d + " bound " + bound);
            }
        }
    }

    @Test
    void backoffSpreadsOverItsWholeRange() {
        long max = 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            long d = policy.backoffNanos(30);
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        assertTrue(max > Duration.ofSeconds(9).toNanos(), "max " + max);
        assertTrue(min < Duration.ofSeconds(1).toNanos(), "min " + min);
    }
}
