package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One deployment telemetry event, validated: what is stored and queried.
 *
 * <p>Components follow the stored line's key order. {@code deploymentId}, {@code eventId} and
 * {@code details} are optional and null when absent; the others are required. The compact
 * constructor enforces the name rules of {@link EventRules}, so an instance is always storable.
 *
 * @param timestamp    when it happened (normalised to UTC when written)
 * @param scenario     the scenario (a file name in the JSONL store, so strictly validated)
 * @param deploymentId the deployment identifier, or null
 * @param event        the event type, standard or custom
 * @param eventId      a client-generated unique id used to de-duplicate retried uploads, or null
 * @param details      event-specific data, or null
 */
public record TelemetryEvent(
        Instant timestamp,
        String scenario,
        String deploymentId,
        String event,
        String eventId,
        Details details) {

    public TelemetryEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        EventRules.requireValid(EventRules.scenarioProblem(scenario));
        EventRules.requireValid(EventRules.eventProblem(event));
        if (deploymentId != null) {
            EventRules.requireValid(EventRules.deploymentIdProblem(deploymentId));
        }
        if (eventId != null) {
            EventRules.requireValid(EventRules.eventIdProblem(eventId));
        }
    }

    /** An event with only the required fields. */
    public static TelemetryEvent of(Instant timestamp, String scenario, String event) {
        return new TelemetryEvent(timestamp, scenario, null, event, null, null);
    }

    /** An event with details given as a map (see {@link Details#of(Map)}). */
    public static TelemetryEvent of(Instant timestamp, String scenario, String event, Map<String, ?> details) {
        return new TelemetryEvent(timestamp, scenario, null, event, null, Details.of(details));
    }

    /** This event's level, per {@link EventCatalogue#levelOf(TelemetryEvent)}. */
    public EventLevel level() {
        return EventCatalogue.levelOf(this);
    }

    /** True when this event counts as a failure. */
    public boolean isFailure() {
        return EventCatalogue.isFailure(event);
    }

    /** A copy with another deployment id. */
    public TelemetryEvent withDeploymentId(String id) {
        return new TelemetryEvent(timestamp, scenario, id, event, eventId, details);
    }

    /** A copy with another event id. */
    public TelemetryEvent withEventId(String id) {
        return new TelemetryEvent(timestamp, scenario, deploymentId, event, id, details);
    }
}
