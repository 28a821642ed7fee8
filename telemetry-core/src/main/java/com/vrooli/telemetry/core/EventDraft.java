package com.vrooli.telemetry.core;

import java.time.Instant;

/** One event while it is being read: fields as found, and the first problem seen. Not thread-safe. */
final class EventDraft {
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

    /** Marks a field as seen; false (and a recorded problem) when it was seen before. */
    boolean firstSighting(int fieldBit, String field) {
        if ((seen & fieldBit) != 0) {
            fail("field '" + field + "' appears twice");
            return false;
        }
        seen |= fieldBit;
        return true;
    }
}
