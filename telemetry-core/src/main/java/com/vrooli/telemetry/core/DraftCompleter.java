package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns drafts, from either body reader, into events or per-event errors: defaults applied, names
 * and sizes checked, a top-level {@code service_id} folded into details. One instance per decode
 * call (it remembers the last valid names, which repeat through a body); not thread-safe.
 */
final class DraftCompleter {

    /** What one draft became. */
    sealed interface Outcome permits Accepted, Rejected {
    }

    /** A valid event. */
    record Accepted(TelemetryEvent event) implements Outcome {
    }

    /** Why the draft is not an event. */
    record Rejected(EventError error) implements Outcome {
    }

    private final DecodeLimits limits;
    private final JsonFactory factory;
    /**
     * The last scenario, event type and deployment id found valid. Repeated values are one String
     * per body (see {@link RepeatedStrings}), so the same instance again needs no check.
     */
    private String validScenario;
    private String validEvent;
    private String validDeployment;

    DraftCompleter(DecodeLimits limits, JsonFactory factory) {
        this.limits = limits;
        this.factory = factory;
    }

    /** Every draft of a body, in order. */
    DecodeResult finish(BodyDrafts body, String callerDefaultScenario, Instant receivedAt) {
        String defaultScenario = body.envelopeScenario() != null ? body.envelopeScenario() : callerDefaultScenario;
        List<TelemetryEvent> events = new ArrayList<>(body.drafts().size());
        List<EventError> errors = new ArrayList<>();
        for (EventDraft d : body.drafts()) {
            Outcome outcome = complete(d, defaultScenario, body.envelopeDeployment(), receivedAt);
            if (outcome instanceof Accepted accepted) {
                events.add(accepted.event());
            } else {
                errors.add(((Rejected) outcome).error());
            }
        }
        return new DecodeResult(body.drafts().size(), events, errors);
    }

    /** The event a draft makes, or why it makes none. */
    Outcome complete(EventDraft d, String defaultScenario, String defaultDeployment, Instant receivedAt) {
        if (d.error != null) {
            return new Rejected(new EventError(d.index, d.error));
        }
        String scenario = d.scenario != null ? d.scenario : defaultScenario;
        String problem = scenario == null
                ? "scenario is required (in the event, the envelope's scenario_name, or ?scenario=)"
                : scenario == validScenario ? null : EventRules.scenarioProblem(scenario);
        if (problem == null) {
            validScenario = scenario;
            problem = d.event != null && d.event == validEvent ? null : EventRules.eventProblem(d.event);
        }
        String deploymentId = d.deploymentId != null ? d.deploymentId : defaultDeployment;
        if (problem == null) {
            validEvent = d.event;
            if (deploymentId != null && deploymentId != validDeployment) {
                problem = EventRules.deploymentIdProblem(deploymentId);
                validDeployment = problem == null ? deploymentId : validDeployment;
            }
        }
        if (problem == null && d.eventId != null) {
            problem = EventRules.eventIdProblem(d.eventId);
        }
        if (problem != null) {
            return new Rejected(new EventError(d.index, problem));
        }
        Details details = d.serviceId == null ? d.details : withServiceId(d.details, d.serviceId);
        Instant ts = d.timestamp != null ? d.timestamp : receivedAt;
        // Every name was checked above, so the event is made without checking them again.
        TelemetryEvent event = TelemetryEvent.checked(ts, scenario, deploymentId, d.event, d.eventId, details);
        String tooLarge = EventDecoder.sizeProblem(event, limits);
        return tooLarge == null ? new Accepted(event) : new Rejected(new EventError(d.index, tooLarge));
    }

    /** Folds a top-level service_id into details unless details already carry one. */
    private Details withServiceId(Details details, String serviceId) {
        if (details != null && details.asMap().containsKey("service_id")) {
            return details;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(64 + (details == null ? 0 : details.byteLength()));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("service_id", Utf16.replaceUnpaired(serviceId));
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode service_id", e);
        }
        byte[] head = out.toByteArray();
        if (details == null || details.byteLength() <= 2) {
            return Details.trusted(head);
        }
        byte[] body = details.bytes();
        byte[] merged = new byte[head.length - 1 + 1 + body.length - 1];
        System.arraycopy(head, 0, merged, 0, head.length - 1);
        merged[head.length - 1] = ',';
        System.arraycopy(body, 1, merged, head.length, body.length - 1);
        return Details.trusted(merged);
    }
}
