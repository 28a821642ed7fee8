package com.vrooli.telemetry.client;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the app recorded it, waiting in the queue: encoding is left to the background
 * thread so {@code record} stays cheap. {@code details} may be null.
 */
record PendingEvent(Instant timestamp, String event, Map<String, ?> details, long idHigh, long idLow) {
}
