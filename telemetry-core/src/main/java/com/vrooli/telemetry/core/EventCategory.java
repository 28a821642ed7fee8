package com.vrooli.telemetry.core;

import java.util.Locale;

/** The groups of the document's standard event tables; {@code CUSTOM} for anything else. */
public enum EventCategory {
    LIFECYCLE,
    SERVICE,
    DATA,
    SECRET,
    UPDATE,
    HEALTH,
    CUSTOM;

    /** The lower-case name used in JSON and in the CLI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
