package com.vrooli.telemetry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.EventError;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events a store refuses one by one are reported at their index in the body, beside decoding errors. */
class StoreRefusalTest {

    /** Refuses every event of scenario "Taken" and stores the others in memory. */
    private static final class RefusingStore extends ForwardingTelemetryStore {

        RefusingStore() {
            super(InMemoryTelemetryStore.create());
        }

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
            AppendResult stored = super.append(kept);
            return new AppendResult(stored.storedByScenario(), stored.duplicatesByScenario(),
                    refused.build().rejected());
        }
    }

    private final IngestService ingest = IngestService.create(new RefusingStore(),
            Clock.fixed(Instant.parse("2025-01-15T13:00:00Z"), ZoneOffset.UTC));

    @Test
    @DisplayName("a refused event is reported at its body index, between invalid ones, and the upload is partial")
    void refusedEventsKeepTheirBodyIndex() {
        IngestResult r = ingest.ingest(("[{\"scenario\":\"a\",\"event\":\"app_start\"},"
                + "{\"scenario\":\"a\"},"
                + "{\"scenario\":\"Taken\",\"event\":\"ready\"},"
                + "{\"event\":\"ready\"},"
                + "{\"scenario\":\"Taken\",\"event\":\"ready\"},"
                + "{\"scenario\":\"a\",\"event\":\"ready\"}]").getBytes(StandardCharsets.UTF_8),
                BodyFormat.JSON, null);

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
