package com.vrooli.telemetry.core;

import java.util.List;
import java.util.Optional;

/**
 * One page of query results.
 *
 * @param events     the events of this page, in the query's order
 * @param nextCursor where the next page starts, or null when there is no more
 */
public record EventPage(List<TelemetryEvent> events, String nextCursor) {

    public EventPage {
        events = List.copyOf(events);
    }

    /** An empty last page. */
    public static EventPage empty() {
        return new EventPage(List.of(), null);
    }

    /** The cursor of the next page, if there is one. */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
