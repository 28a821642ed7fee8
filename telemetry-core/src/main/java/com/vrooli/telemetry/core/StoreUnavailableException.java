package com.vrooli.telemetry.core;

/**
 * The store cannot accept writes right now (disk full, read-only directory, closed, locked by
 * another process). Nothing was half-written; the caller may retry later (HTTP answers 503).
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
