package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events a store refuses one by one are reported at their index in the body, beside decoding errors. */
class StoreRefusalTest {

    /** Refuses every event of scenario "Taken" and stores the others in memory. */
    private static final class RefusingStore implements TelemetryStore {
        final InMemoryTelemetryStore delegate = InMemoryTelemetryStore.create();

        @Override
        public AppendResult append(List<TelemetryEvent> events) {
            List<TelemetryEvent> kept = new ArrayList<>();
            AppendResult.Builder refused = new AppendResult.Builder();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).scenario().equals("Taken")) {
                    refused.rejected(i, "scenario 'Taken' is taken");
                } else {
                    kept.add(events.get(i));
                }
            }
            AppendResult stored = delegate.append(kept);
            return new AppendResult(stored.storedByScenario(), stored.duplicatesByScenario(),
                    refused.build().rejected());
        }

        @Override
        public List<ScenarioSummary> summaries() {
            return delegate.summaries();
        }

        @Override
        public Optional<ScenarioSummary> summary(String scenario) {
            return delegate.summary(scenario);
        }

        @Override
        public Optional<Timeline> timeline(TimelineQuery query) {
            return delegate.timeline(query);
        }

        @Override
        public Optional<List<DeploymentState>> deployments(String scenario) {
            return delegate.deployments(scenario);
        }

        @Override
        public EventPage query(EventQuery query) {
            return delegate.query(query);
        }

        @Override
        public StoreHealth health() {
            return delegate.health();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private final IngestService ingest = IngestService.create(new RefusingStore(),
            Clock.fixed(Instant.parse("2025-01-15T13:00:00Z"), ZoneOffset.UTC));

    @Test
    @DisplayName("a refused event is reported at its body index, between invalid ones, and the upload is partial")
    void refusedEventsKeepTheirBodyIndex() {
        IngestResult r = ingest.ingest(utf8("[{\"scenario\":\"a\",\"event\":\"app_start\"},"
                + "{\"scenario\":\"a\"},"
                + "{\"scenario\":\"Taken\",\"event\":\"ready\"},"
                + "{\"event\":\"ready\"},"
                + "{\"scenario\":\"Taken\",\"event\":\"ready\"},"
                + "{\"scenario\":\"a\",\"event\":\"ready\"}]"), BodyFormat.JSON, null);

        assertEquals(IngestResult.Status.PARTIAL, r.status());
        assertEquals(2, r.stored());
        assertEquals(List.of(1, 2, 3, 4), r.errors().stream().map(EventError::index).toList());
        assertEquals("scenario 'Taken' is taken", r.errors().get(1).error());
        assertEquals("scenario 'Taken' is taken", r.errors().get(3).error());
    }

    @Test
    @DisplayName("an upload whose every event is refused is rejected")
    void everyEventRefused() {
        IngestResult r = ingest.ingest(List.of(TelemetryEvent.of(Instant.EPOCH, "Taken", "app_start")));

        assertEquals(IngestResult.Status.REJECTED, r.status());
        assertEquals(List.of(new EventError(0, "scenario 'Taken' is taken")), r.errors());
    }
}
