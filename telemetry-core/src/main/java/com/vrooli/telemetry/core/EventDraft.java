package com.vrooli.telemetry.core;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** One event while it is being read: fields as found, and the first problem seen. Not thread-safe. */
final class EventDraft {
    // One bit per known top-level field, to notice fields given twice.
    static final int F_SCENARIO = 1;
    static final int F_DEPLOYMENT = 2;
    static final int F_EVENT = 4;
    static final int F_EVENT_ID = 8;
    static final int F_TIMESTAMP = 16;
    static final int F_DETAILS = 32;
    static final int F_SERVICE_ID = 64;
    static final int F_TS = 128;
    private static final int TIMESTAMP_ALIASES = F_TIMESTAMP | F_TS;

    final int index;
    String scenario;
    String deploymentId;
    String event;
    String eventId;
    Instant timestamp;
    String serviceId;
    Details details;
    String error;
    private int seen;

    EventDraft(int index) {
        this.index = index;
    }

    /** Records the first problem only: later ones are usually consequences of it. */
    void fail(String problem) {
        if (error == null) {
            error = problem;
        }
    }

    /**
     * Marks a field as seen; false (and a recorded problem) when it was seen before, or when it
     * is {@code timestamp} and {@code ts}, its alias, was seen (or the other way round): two
     * times for one event is ambiguous whether or not they agree.
     */
    boolean firstSighting(int fieldBit, String field) {
        if ((seen & fieldBit) != 0) {
            fail("field '" + field + "' appears twice");
            return false;
        }
        seen |= fieldBit;
        if ((seen & TIMESTAMP_ALIASES) == TIMESTAMP_ALIASES) {
            fail("fields 'timestamp' and 'ts' are the same field; send only one");
            return false;
        }
        return true;
    }

    /** The bit of a known top-level field; 0 for keys that are ignored. */
    static int fieldBit(String name) {
        return switch (name) {
            case "scenario" -> F_SCENARIO;
            case "deployment_id" -> F_DEPLOYMENT;
            case "event" -> F_EVENT;
            case "event_id" -> F_EVENT_ID;
            case "timestamp" -> F_TIMESTAMP;
            case "ts" -> F_TS;
            case "details" -> F_DETAILS;
            case "service_id" -> F_SERVICE_ID;
            default -> 0;
        };
    }

    /** The time a timestamp's text gives, or null with the problem recorded in this draft. */
    Instant parseTimestamp(CharSequence text, String field) {
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            fail(field + " '" + JsonErrors.quote(text.toString())
                    + "' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z");
            return null;
        }
    }
}
