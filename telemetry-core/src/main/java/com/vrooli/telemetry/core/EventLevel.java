package com.vrooli.telemetry.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Severity of an event, derived from its type by {@link EventCatalogue}; never sent by clients.
 *
 * <p>Levels are ordered: {@code INFO < WARN < ERROR}, so a query for "warn" means warn and above.
 */
public enum EventLevel {
    INFO,
    WARN,
    ERROR;

    /** The wire name: {@code info}, {@code warn} or {@code error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is at least as severe as {@code other}. */
    public boolean isAtLeast(EventLevel other) {
        return compareTo(other) >= 0;
    }

    /**
     * Looks a level up by its wire name, ignoring case; {@code warning} is read as {@code warn}.
     */
    public static Optional<EventLevel> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "info":
                return Optional.of(INFO);
            case "warn":
            case "warning":
                return Optional.of(WARN);
            case "error":
                return Optional.of(ERROR);
            default:
                return Optional.empty();
        }
    }
}
