package com.vrooli.telemetry.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The bucket widths of a timeline and how long each is kept. Fine buckets are kept for a recent
 * window, coarse ones for longer, so a scenario's timeline holds at most
 * {@code 2,880 + 720 + 730} buckets whatever its age. The window is counted back from the newest
 * bucket that holds an event (not from the wall clock), so the kept buckets depend only on the
 * events stored, never on when or in which order they arrived.
 */
public enum TimelineResolution {
    /** One-minute buckets, kept for 48 hours. */
    MINUTE("1m", Duration.ofMinutes(1), 48 * 60),
    /** One-hour buckets, kept for 30 days. */
    HOUR("1h", Duration.ofHours(1), 30 * 24),
    /** One-day buckets (UTC days), kept for two years (730 days). */
    DAY("1d", Duration.ofDays(1), 730);

    private final String wireName;
    private final long widthSeconds;
    private final int kept;

    TimelineResolution(String wireName, Duration width, int kept) {
        this.wireName = wireName;
        this.widthSeconds = width.getSeconds();
        this.kept = kept;
    }

    /** The name used in {@code ?bucket=}: {@code 1m}, {@code 1h} or {@code 1d}. */
    public String wireName() {
        return wireName;
    }

    /** The width of one bucket. */
    public Duration width() {
        return Duration.ofSeconds(widthSeconds);
    }

    /** How many buckets, counted back from the newest, are kept. */
    public int keptBuckets() {
        return kept;
    }

    /** The bucket width in seconds. */
    long widthSeconds() {
        return widthSeconds;
    }

    /** The resolution of a wire name, ignoring case; empty when there is none. */
    public static Optional<TimelineResolution> fromWireName(String name) {
        for (TimelineResolution r : values()) {
            if (r.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
