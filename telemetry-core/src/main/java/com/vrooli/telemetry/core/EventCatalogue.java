package com.vrooli.telemetry.core;

import java.util.List;

/**
 * Classifies any event type, standard or custom: its category, whether it is a failure and its
 * level. This is the single rule behind {@code failure_counts}, {@code recent_failures} and level
 * filters.
 *
 * <p>A custom event is a failure when its name ends in one of {@link #FAILURE_SUFFIXES}. Failures
 * are {@code error}; {@code secrets_prompted} and {@code service_stopped} with a non-zero
 * {@code exit_code} are {@code warn}; everything else is {@code info}. Stateless and thread-safe.
 */
public final class EventCatalogue {

    /** Name endings that make a custom event a failure. */
    public static final List<String> FAILURE_SUFFIXES =
            List.of("_failed", "_error", "_crashed", "_timeout", "_unreachable", "_missing");

    private EventCatalogue() {
    }

    /** True when events of this type count as failures. */
    public static boolean isFailure(String eventType) {
        StandardEvent standard = CatalogueNames.standard(eventType);
        if (standard != null) {
            return standard.isFailure();
        }
        for (String suffix : FAILURE_SUFFIXES) {
            if (eventType.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The category of an event type; {@link EventCategory#CUSTOM} when it is not standard. */
    public static EventCategory categoryOf(String eventType) {
        return StandardEvent.fromWireName(eventType).map(StandardEvent::category).orElse(EventCategory.CUSTOM);
    }

    /** The level of one event, which for {@code service_stopped} depends on its exit code. */
    public static EventLevel levelOf(TelemetryEvent event) {
        if (event.event().equals("service_stopped")) {
            return stoppedLevel(event.details());
        }
        return levelOf(event.event());
    }

    /** The level of an event type, ignoring details. */
    public static EventLevel levelOf(String eventType) {
        if (isFailure(eventType)) {
            return EventLevel.ERROR;
        }
        return StandardEvent.fromWireName(eventType).map(StandardEvent::baseLevel).orElse(EventLevel.INFO);
    }

    private static EventLevel stoppedLevel(Details details) {
        if (details == null) {
            return EventLevel.INFO;
        }
        Object exitCode = details.get("exit_code");
        if (exitCode == null) {
            return EventLevel.INFO;
        }
        if (exitCode instanceof Number) {
            return ((Number) exitCode).doubleValue() == 0 ? EventLevel.INFO : EventLevel.WARN;
        }
        String text = exitCode.toString().trim();
        return text.equals("0") || text.isEmpty() ? EventLevel.INFO : EventLevel.WARN;
    }
}
