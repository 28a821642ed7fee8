package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One of a scenario's recent failures, as listed in {@code recent_failures}.
 *
 * @param timestamp    when it happened
 * @param event        the failure type
 * @param deploymentId where it happened, or null
 * @param eventId      its event id, or null
 * @param details      its details, or null
 */
public record FailureEntry(Instant timestamp, String event, String deploymentId, String eventId, Details details) {

    /**
     * Newest first; ties broken by the other fields so that the same set of events always gives
     * the same list, whatever order they arrived in.
     */
    public static final Comparator<FailureEntry> NEWEST_FIRST = Comparator
            .comparing(FailureEntry::timestamp, Comparator.reverseOrder())
            .thenComparing(FailureEntry::event)
            .thenComparing(f -> f.deploymentId() == null ? "" : f.deploymentId())
            .thenComparing(f -> f.eventId() == null ? "" : f.eventId())
            .thenComparing(f -> f.details() == null ? "" : f.details().json());

    public FailureEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(event, "event");
    }

    /** The entry for a failure event. */
    public static FailureEntry of(TelemetryEvent e) {
        return new FailureEntry(e.timestamp(), e.event(), e.deploymentId(), e.eventId(), e.details());
    }
}
