package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.List;
import java.util.Optional;

/**
 * Where the CLI reads telemetry from: a running server, a telemetry directory, or one JSONL file.
 * Same meaning as the {@link TelemetryStore} methods of the same names.
 */
interface TelemetryReader extends AutoCloseable {

    List<ScenarioSummary> summaries();

    Optional<ScenarioSummary> summary(String scenario);

    EventPage query(EventQuery query);

    /** What the user should know about the reads so far (such as lines skipped in a file), if anything. */
    default Optional<String> warning() {
        return Optional.empty();
    }

    @Override
    void close();

    /** A reader over a store, which it closes when closed. */
    static TelemetryReader of(TelemetryStore store) {
        return new TelemetryReader() {
            @Override
            public List<ScenarioSummary> summaries() {
                return store.summaries();
            }

            @Override
            public Optional<ScenarioSummary> summary(String scenario) {
                return store.summary(scenario);
            }

            @Override
            public EventPage query(EventQuery query) {
                return store.query(query);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
