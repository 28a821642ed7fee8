package com.vrooli.telemetry.core;

/** A failure inside a store. The message is meant for operators and logs, not clients. */
public class StoreException extends TelemetryException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
