package com.vrooli.telemetry.client;

import java.time.Instant;

/**
 * An event as the app recorded it, waiting in the queue: encoding the line is left to the
 * background thread so {@code record} stays cheap. {@code details} is null, an immutable map, or
 * the caller's map already encoded as {@link com.vrooli.telemetry.core.Details} (see
 * {@link DetailsSnapshot}).
 */
record PendingEvent(Instant timestamp, String event, Object details, long idHigh, long idLow) {
}
