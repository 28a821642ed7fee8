package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.StoreUnavailableException;

/**
 * Another store (in this process or another one) holds the lock of the telemetry directory, so
 * this one cannot write it. Open the directory read-only to read it while the other one writes.
 */
public class StoreLockedException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public StoreLockedException(String message) {
        super(message);
    }

    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
