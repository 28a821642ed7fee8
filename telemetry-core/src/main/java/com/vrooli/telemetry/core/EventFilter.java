package com.vrooli.telemetry.core;

import java.util.Locale;

/**
 * The filters of an {@link EventQuery} as a predicate, shared by every store so that they all
 * answer the same query the same way: the reference for what each filter means. A store may skip
 * events earlier by its own means (the JSONL store pre-checks raw line bytes) as long as it answers
 * the same. Immutable and thread-safe.
 */
public final class EventFilter {

    private final EventQuery query;
    private final String searchLower;

    private EventFilter(EventQuery query) {
        this.query = query;
        this.searchLower = query.search() == null ? null : query.search().toLowerCase(Locale.ROOT);
    }

    /** The filter of a query. */
    public static EventFilter of(EventQuery query) {
        return new EventFilter(query);
    }

    /** True when the event passes every filter of the query. */
    public boolean matches(TelemetryEvent e) {
        if (query.since() != null && e.timestamp().isBefore(query.since())) {
            return false;
        }
        if (query.until() != null && !e.timestamp().isBefore(query.until())) {
            return false;
        }
        if (!query.eventTypes().isEmpty() && !query.eventTypes().contains(e.event())) {
            return false;
        }
        if (query.deploymentId() != null && !query.deploymentId().equals(e.deploymentId())) {
            return false;
        }
        if (query.minLevel() != null && !e.level().isAtLeast(query.minLevel())) {
            return false;
        }
        return searchLower == null || containsSearch(e);
    }

    private boolean containsSearch(TelemetryEvent e) {
        if (e.event().toLowerCase(Locale.ROOT).contains(searchLower)) {
            return true;
        }
        if (e.deploymentId() != null && e.deploymentId().toLowerCase(Locale.ROOT).contains(searchLower)) {
            return true;
        }
        return e.details() != null && e.details().json().toLowerCase(Locale.ROOT).contains(searchLower);
    }
}
