package com.vrooli.telemetry.core;

import java.util.Objects;

/**
 * Whether a store accepts writes now, and why not.
 *
 * @param writable true when appends are expected to succeed
 * @param detail   a short explanation for operators (never a filesystem path)
 */
public record StoreHealth(boolean writable, String detail) {

    public StoreHealth {
        Objects.requireNonNull(detail, "detail");
    }

    public static StoreHealth ok() {
        return new StoreHealth(true, "ok");
    }

    public static StoreHealth unavailable(String why) {
        return new StoreHealth(false, why);
    }
}
