package com.vrooli.telemetry.core;

/**
 * {@link EventCatalogue#isFailure} for the event types one aggregator counts, remembered in a small
 * direct-mapped table: a custom type pays the catalogue's suffix checks once, not for every event.
 * (JFR of a 10M-event cold open whose events were mostly the custom {@code health_check}: those
 * checks, made by the timeline and the fleet view for every event, were 11% of the samples.) Not
 * thread-safe: one per aggregator, used under its lock.
 */
final class FailureTypes {

    private final String[] types = new String[16];
    private final boolean[] failure = new boolean[16];

    boolean isFailure(String type) {
        int slot = type.hashCode() & (types.length - 1);
        if (type.equals(types[slot])) {
            return failure[slot];
        }
        boolean f = EventCatalogue.isFailure(type);
        types[slot] = type;
        failure[slot] = f;
        return f;
    }
}
