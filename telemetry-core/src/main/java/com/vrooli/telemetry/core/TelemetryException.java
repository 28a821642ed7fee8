package com.vrooli.telemetry.core;

/** Base of every exception this project throws on purpose. */
public class TelemetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TelemetryException(String message) {
        super(message);
    }

    public TelemetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
