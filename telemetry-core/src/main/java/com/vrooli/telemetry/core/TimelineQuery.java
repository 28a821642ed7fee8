package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link TelemetryStore#timeline} is asked for: one scenario's buckets of one width whose start
 * lies in {@code [since, until)}, optionally counting only one event type.
 *
 * @param scenario   the scenario
 * @param resolution the bucket width
 * @param since      the earliest bucket start included (inclusive), or null for the oldest kept
 * @param until      buckets starting at or after this are left out, or null for no end
 * @param eventType  count only events of this type, or null for every event
 */
public record TimelineQuery(String scenario, TimelineResolution resolution, Instant since, Instant until,
                            String eventType) {

    public TimelineQuery {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(resolution, "resolution");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
    }

    /** Every kept bucket of {@code resolution}, all event types. */
    public static TimelineQuery of(String scenario, TimelineResolution resolution) {
        return new TimelineQuery(scenario, resolution, null, null, null);
    }
}
