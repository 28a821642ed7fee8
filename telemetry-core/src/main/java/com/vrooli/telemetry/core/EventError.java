package com.vrooli.telemetry.core;

import java.util.Objects;

/**
 * Why one event of an upload was rejected.
 *
 * @param index the event's zero-based position in the body (array index, or NDJSON line among
 *              the non-blank lines)
 * @param error the reason in plain words
 */
public record EventError(int index, String error) {
    public EventError {
        Objects.requireNonNull(error, "error");
    }
}
