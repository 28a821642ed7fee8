package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.TelemetryException;

/**
 * A bundle manifest that cannot configure a client: missing, unreadable, not JSON, or without a
 * usable {@code app.name}, {@code telemetry.file} or upload address. The message names the file
 * and the field.
 */
public class BundleManifestException extends TelemetryException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the manifest and the problem. */
    public BundleManifestException(String message) {
        super(message);
    }

    /** The same, keeping the I/O or parse failure behind it. */
    public BundleManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
