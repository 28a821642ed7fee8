package com.vrooli.telemetry.core;

/**
 * An upload body (or a stored line) that cannot be read at all: not JSON, not UTF-8, nested too
 * deep, or of the wrong overall shape. The message is plain words, safe to show a client.
 */
public class MalformedBodyException extends TelemetryException {
    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(message);
    }

    public MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
