package com.vrooli.telemetry.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one ingest path that the HTTP server, the CLI and tools call: decode and validate a body,
 * fill missing timestamps from the injected clock, and append the valid events to the store
 * (which de-duplicates by event id). Thread-safe when the store is.
 */
public final class IngestService {

    private final TelemetryStore store;
    private final Clock clock;
    private final EventDecoder decoder;

    private IngestService(TelemetryStore store, Clock clock, EventDecoder decoder) {
        this.store = store;
        this.clock = clock;
        this.decoder = decoder;
    }

    /** An ingest service with the default limits. */
    public static IngestService create(TelemetryStore store, Clock clock) {
        return create(store, clock, DecodeLimits.defaults());
    }

    /** An ingest service with the given limits. */
    public static IngestService create(TelemetryStore store, Clock clock, DecodeLimits limits) {
        return new IngestService(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
                EventDecoder.create(Objects.requireNonNull(limits, "limits")));
    }

    public DecodeLimits limits() {
        return decoder.limits();
    }

    /**
     * Ingests one upload body into any scenario ({@link ScenarioScope#ALL}).
     *
     * @throws MalformedBodyException     when the body cannot be read at all (nothing is stored)
     * @throws StoreUnavailableException when the store cannot write now
     */
    public IngestResult ingest(byte[] body, int offset, int length, BodyFormat format, String defaultScenario) {
        return ingest(body, offset, length, format, defaultScenario, ScenarioScope.ALL);
    }

    /**
     * Ingests one upload body. Events without a timestamp get the clock's current time; events
     * without a scenario get {@code defaultScenario} (an envelope's {@code scenario_name} wins).
     * Every valid event's scenario (as decoded, defaults filled in) must be within {@code scope};
     * otherwise nothing of the batch is stored.
     *
     * @throws MalformedBodyException        when the body cannot be read at all (nothing is stored)
     * @throws ScenarioNotPermittedException when a valid event names a scenario outside {@code scope}
     *                                       (nothing is stored)
     * @throws StoreUnavailableException    when the store cannot write now
     */
    public IngestResult ingest(byte[] body, int offset, int length, BodyFormat format, String defaultScenario,
                               ScenarioScope scope) {
        Objects.requireNonNull(scope, "scope");
        Instant now = clock.instant();
        DecodeResult decoded = decoder.decode(body, offset, length, format, defaultScenario, now);
        checkScope(decoded.events(), scope);
        AppendResult appended = decoded.events().isEmpty() ? AppendResult.empty() : store.append(decoded.events());
        return IngestResult.of(decoded, appended);
    }

    /** Ingests a whole body held in an array into any scenario. */
    public IngestResult ingest(byte[] body, BodyFormat format, String defaultScenario) {
        return ingest(body, 0, body.length, format, defaultScenario);
    }

    private static void checkScope(List<TelemetryEvent> events, ScenarioScope scope) {
        if (scope == ScenarioScope.ALL) {
            return;
        }
        TreeSet<String> outside = null;
        for (TelemetryEvent e : events) {
            if (!scope.permits(e.scenario())) {
                if (outside == null) {
                    outside = new TreeSet<>();
                }
                outside.add(e.scenario());
            }
        }
        if (outside != null) {
            throw new ScenarioNotPermittedException(outside);
        }
    }

    /**
     * Ingests events built in-process. They are valid by construction, but each is still held to
     * the per-event size limit, as an uploaded one is: a larger one is rejected by its index.
     *
     * @throws StoreUnavailableException when the store cannot write now
     */
    public IngestResult ingest(List<TelemetryEvent> events) {
        List<TelemetryEvent> fitting = new ArrayList<>(events.size());
        List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            TelemetryEvent e = events.get(i);
            String tooLarge = EventDecoder.sizeProblem(e, decoder.limits());
            if (tooLarge == null) {
                fitting.add(e);
            } else {
                errors.add(new EventError(i, tooLarge));
            }
        }
        AppendResult appended = fitting.isEmpty() ? AppendResult.empty() : store.append(fitting);
        return IngestResult.of(new DecodeResult(events.size(), fitting, errors), appended);
    }
}
