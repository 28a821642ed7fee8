package com.vrooli.telemetry.core;

import java.util.List;

/**
 * What a body decoded to: the valid events in body order and an error for each invalid one.
 *
 * @param received how many events the body held (valid plus invalid)
 * @param events   the valid events, in body order
 * @param errors   one entry per invalid event, by index
 */
public record DecodeResult(int received, List<TelemetryEvent> events, List<EventError> errors) {
    public DecodeResult {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }
}
