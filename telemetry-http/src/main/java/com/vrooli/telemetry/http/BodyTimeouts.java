package com.vrooli.telemetry.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how slowly a client may send a request body, counted from when its headers are in.
 * A body is cut off with 408 when the whole of it has not arrived within {@code total}, or when,
 * once {@code grace} has passed, fewer than {@code minBytesPerSecond} bytes per second on average
 * have arrived since the headers (the grace lets a connection's first round trips pass).
 *
 * @param total             the longest a body may take, however fast it comes
 * @param minBytesPerSecond the slowest average rate accepted after the grace; 0 turns the check off
 * @param grace             how long a body may take before its rate is checked
 */
record BodyTimeouts(Duration total, long minBytesPerSecond, Duration grace) {

    /** The total body timeout by default: a 4 MiB body needs about 70 KB/s to make it. */
    static final Duration DEFAULT_TOTAL = Duration.ofSeconds(60);
    /**
     * The minimum body rate by default: 1 KiB/s, far below any link an install uploads over (a
     * GPRS link does a few KB/s), so only a sender that stalls on purpose or is stuck falls under it.
     */
    static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024;
    /** The grace before the rate is checked by default: a few round trips of a slow link. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    BodyTimeouts {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(grace, "grace");
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("body timeout must be positive, got " + total);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minimum body rate must not be negative, got " + minBytesPerSecond);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("body rate grace must not be negative, got " + grace);
        }
    }

    static BodyTimeouts defaults() {
        return new BodyTimeouts(DEFAULT_TOTAL, DEFAULT_MIN_BYTES_PER_SECOND, DEFAULT_GRACE);
    }

    BodyTimeouts withTotal(Duration newTotal) {
        return new BodyTimeouts(newTotal, minBytesPerSecond, grace);
    }

    BodyTimeouts withMinimumRate(long bytesPerSecond, Duration newGrace) {
        return new BodyTimeouts(total, bytesPerSecond, newGrace);
    }

    /** A duration as the messages say it: whole seconds, or milliseconds. */
    static String say(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
