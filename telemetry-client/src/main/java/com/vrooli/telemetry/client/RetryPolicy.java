package com.vrooli.telemetry.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next upload try ({@link UploadVerdict} says whether to try again):
 * exponential backoff with full jitter (a uniform delay up to
 * {@code min(cap, base * 2^(failures-1))}), or the server's {@code Retry-After} (seconds or an
 * HTTP date), capped. Thread-safe.
 */
final class RetryPolicy {

    private final long baseNanos;
    private final long capNanos;
    private final long maxRetryAfterNanos;
    private final Clock clock;

    RetryPolicy(Duration base, Duration cap, Duration maxRetryAfter, Clock clock) {
        this.baseNanos = Math.max(1, base.toNanos());
        this.capNanos = Math.max(baseNanos, cap.toNanos());
        this.maxRetryAfterNanos = maxRetryAfter.toNanos();
        this.clock = clock;
    }

    /** The wait after {@code failures} failed attempts in a row, honouring {@code retryAfter} (may be null). */
    long delayNanos(int failures, String retryAfter) {
        if (retryAfter != null) {
            Duration d = parseRetryAfter(retryAfter, clock.instant());
            if (d != null && !d.isZero()) {
                return d.compareTo(Duration.ofNanos(maxRetryAfterNanos)) >= 0 ? maxRetryAfterNanos : d.toNanos();
            }
        }
        return backoffNanos(failures);
    }

    long backoffNanos(int failures) {
        int shift = Math.max(0, Math.min(failures - 1, 40));
        long bound = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
        return 1 + ThreadLocalRandom.current().nextLong(bound);
    }

    /**
     * A {@code Retry-After} value as a wait from {@code now}: delta seconds or an HTTP date (a
     * date in the past is zero). Null when the value is neither.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return v.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
