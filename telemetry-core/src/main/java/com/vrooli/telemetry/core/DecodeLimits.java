package com.vrooli.telemetry.core;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Limits applied while decoding uploads.
 *
 * @param maxBodyBytes    largest accepted body after decompression (default 4 MiB)
 * @param maxEventBytes   largest accepted stored line of one event (default 64 KiB)
 * @param maxFutureSkew   how far after the server's clock an event's timestamp may be (default
 *                        1 day); a later one is refused for that event, so a wrong clock or a
 *                        hostile client cannot pin {@code last_event} and {@code recent_failures}
 *                        in the future. {@link #NO_FUTURE_LIMIT} turns the check off.
 */
public record DecodeLimits(long maxBodyBytes, int maxEventBytes, Duration maxFutureSkew) {

    /** 4 MiB, the document's maximum payload. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    /** 64 KiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    /**
     * One day: enough for any time zone mistake and a badly set desktop clock, short enough that a
     * forged date stops pinning a summary after a day.
     */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
    /** No check of future timestamps (for reading stored lines back). */
    public static final Duration NO_FUTURE_LIMIT = ChronoUnit.FOREVER.getDuration();

    public DecodeLimits {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        if (maxEventBytes < 256) {
            throw new IllegalArgumentException("maxEventBytes must be at least 256, got " + maxEventBytes);
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
    }

    /** Size limits with the default future tolerance of one day. */
    public DecodeLimits(long maxBodyBytes, int maxEventBytes) {
        this(maxBodyBytes, maxEventBytes, DEFAULT_MAX_FUTURE_SKEW);
    }

    /** The documented defaults: 4 MiB bodies, 64 KiB events, timestamps at most 1 day ahead. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }

    /** These limits with another future tolerance. */
    public DecodeLimits withMaxFutureSkew(Duration skew) {
        return new DecodeLimits(maxBodyBytes, maxEventBytes, skew);
    }

    /**
     * The per-event error for a timestamp more than {@link #maxFutureSkew} after {@code now}, or
     * null when it is not.
     */
    public String futureProblem(Instant timestamp, Instant now) {
        if (maxFutureSkew.equals(NO_FUTURE_LIMIT) || Duration.between(now, timestamp).compareTo(maxFutureSkew) <= 0) {
            return null;
        }
        return "timestamp " + Timestamps.format(timestamp) + " is more than " + describe(maxFutureSkew)
                + " ahead of the server's clock (" + Timestamps.format(now) + "); check the sender's clock";
    }

    private static String describe(Duration d) {
        if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
            long days = d.toDays();
            return days == 1 ? "1 day" : days + " days";
        }
        if (d.toSeconds() % 3600 == 0 && d.getNano() == 0) {
            long hours = d.toHours();
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return d.toSeconds() + " seconds";
    }
}
