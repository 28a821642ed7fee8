package com.vrooli.telemetry.core;

import java.time.Instant;

/**
 * What the aggregates read of an event as they count it ({@link SummaryAggregator},
 * {@link ActivityAggregator}, a store's de-duplication window). A {@link TelemetryEvent} is one. A
 * stored line read back on open is another ({@link StoredLineDecoder#decodeForCounting}): it makes
 * its id's string, its details and the event itself only when asked, which the aggregates do for
 * failures and starts alone, the events whose parts they keep. Such a line is valid only until its
 * decoder reads the next one: count it, and keep nothing of it but what {@link #toEvent()} returns.
 */
public interface CountedEvent {

    Instant timestamp();

    String scenario();

    /** The deployment identifier, or null. */
    String deploymentId();

    /** The event type. */
    String event();

    /**
     * The event id's text, or null when the event has none. For a stored line being read, a view of
     * the line's bytes, as valid as the line.
     */
    CharSequence eventIdText();

    /** The whole event: this one, or the stored line's, made on the first call. */
    TelemetryEvent toEvent();
}
