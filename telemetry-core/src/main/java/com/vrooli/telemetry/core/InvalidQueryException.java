package com.vrooli.telemetry.core;

/** A query the store cannot answer as asked, such as a cursor it did not issue (HTTP 400). */
public class InvalidQueryException extends TelemetryException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}
