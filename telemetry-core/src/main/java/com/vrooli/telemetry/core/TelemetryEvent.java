package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One deployment telemetry event, validated: what is stored and queried. An immutable value:
 * equal when every component is equal.
 *
 * <p>Components follow the stored line's key order. {@code deploymentId}, {@code eventId} and
 * {@code details} are optional and null when absent; the others are required. The constructor
 * enforces the name rules of {@link EventRules}, so an instance is always storable.
 *
 * <p>Not a record so that the decoder, which has already checked every name (once per distinct
 * name in a body), can create events without checking them again, and so that an event can keep
 * its stored line's length once computed: both are on the hot path of ingestion.
 */
public final class TelemetryEvent implements CountedEvent {

    private final Instant timestamp;
    private final String scenario;
    private final String deploymentId;
    private final String event;
    private final String eventId;
    private final Details details;
    /** {@link EventLineCodec#encodedLength}, computed on first use (a benign race, as String's hash). */
    private int lineLength = -1;

    /**
     * @param timestamp    when it happened (normalised to UTC when written)
     * @param scenario     the scenario (a file name in the JSONL store, so strictly validated)
     * @param deploymentId the deployment identifier, or null
     * @param event        the event type, standard or custom
     * @param eventId      a client-generated unique id used to de-duplicate retried uploads, or null
     * @param details      event-specific data, or null
     * @throws IllegalArgumentException when a name breaks the rules of {@link EventRules}
     * @throws NullPointerException     when the timestamp is null
     */
    public TelemetryEvent(Instant timestamp, String scenario, String deploymentId, String event, String eventId,
                          Details details) {
        Objects.requireNonNull(timestamp, "timestamp");
        EventRules.requireValid(EventRules.scenarioProblem(scenario));
        EventRules.requireValid(EventRules.eventProblem(event));
        if (deploymentId != null) {
            EventRules.requireValid(EventRules.deploymentIdProblem(deploymentId));
        }
        if (eventId != null) {
            EventRules.requireValid(EventRules.eventIdProblem(eventId));
        }
        this.timestamp = timestamp;
        this.scenario = scenario;
        this.deploymentId = deploymentId;
        this.event = event;
        this.eventId = eventId;
        this.details = details;
    }

    /** The unchecked constructor; {@code namesChecked} only tells it apart from the public one. */
    private TelemetryEvent(Instant timestamp, String scenario, String deploymentId, String event, String eventId,
                           Details details, boolean namesChecked) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.scenario = scenario;
        this.deploymentId = deploymentId;
        this.event = event;
        this.eventId = eventId;
        this.details = details;
    }

    /** An event whose names the caller has already checked with {@link EventRules}. */
    static TelemetryEvent checked(Instant timestamp, String scenario, String deploymentId, String event,
                                  String eventId, Details details) {
        return new TelemetryEvent(timestamp, scenario, deploymentId, event, eventId, details, true);
    }

    /** An event with only the required fields. */
    public static TelemetryEvent of(Instant timestamp, String scenario, String event) {
        return new TelemetryEvent(timestamp, scenario, null, event, null, null);
    }

    /** An event with details given as a map (see {@link Details#of(Map)}). */
    public static TelemetryEvent of(Instant timestamp, String scenario, String event, Map<String, ?> details) {
        return new TelemetryEvent(timestamp, scenario, null, event, null, Details.of(details));
    }

    /** When it happened. */
    @Override
    public Instant timestamp() {
        return timestamp;
    }

    /** The scenario. */
    @Override
    public String scenario() {
        return scenario;
    }

    /** The deployment identifier, or null. */
    @Override
    public String deploymentId() {
        return deploymentId;
    }

    /** The event type, standard or custom. */
    @Override
    public String event() {
        return event;
    }

    /** The client-generated id used to de-duplicate retried uploads, or null. */
    public String eventId() {
        return eventId;
    }

    /** The event id, as {@link CountedEvent} asks for it. */
    @Override
    public CharSequence eventIdText() {
        return eventId;
    }

    /** This event. */
    @Override
    public TelemetryEvent toEvent() {
        return this;
    }

    /** Event-specific data, or null. */
    public Details details() {
        return details;
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

    /** The stored line's length without its newline, kept after the first call. */
    int lineLength() {
        int n = lineLength;
        if (n < 0) {
            n = EventLineCodec.computeLength(this);
            lineLength = n;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TelemetryEvent)) {
            return false;
        }
        TelemetryEvent other = (TelemetryEvent) o;
        return timestamp.equals(other.timestamp) && scenario.equals(other.scenario)
                && Objects.equals(deploymentId, other.deploymentId) && event.equals(other.event)
                && Objects.equals(eventId, other.eventId) && Objects.equals(details, other.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, scenario, deploymentId, event, eventId, details);
    }

    @Override
    public String toString() {
        return "TelemetryEvent[timestamp=" + timestamp + ", scenario=" + scenario + ", deploymentId=" + deploymentId
                + ", event=" + event + ", eventId=" + eventId + ", details=" + details + "]";
    }
}
