package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.testing.ForwardingTelemetryStore;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counting an upload is not part of answering it: when the store cannot say whether it holds the
 * request's {@code ?scenario=} (the question the rejected-events label asks after the events were
 * stored), the upload still gets its answer, and the events go under {@code _unknown}.
 */
class MetricsStoreFailureTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.over(SummaryFails::new);

    /** Stores as usual; cannot read a summary. */
    static final class SummaryFails extends ForwardingTelemetryStore {

        SummaryFails() {
            super(InMemoryTelemetryStore.create());
        }

        @Override
        public Optional<ScenarioSummary> summary(String scenario) {
            throw new StoreUnavailableException("cannot read the summary of " + scenario);
        }
    }

    @Test
    @DisplayName("an upload with a rejected event is answered 200 partial when the store cannot read summaries")
    void theAnswerDoesNotDependOnTheMetricsLabel() {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload?scenario=picker-wheel", "application/json",
                "[{\"event\":\"app_start\"},{\"timestamp\":\"2025-01-15T12:00:00Z\"}]");

        assertEquals(200, a.status(), a.body());
        assertTrue(a.body().contains("\"status\":\"partial\""), a.body());
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("telemetry_events_rejected_total{scenario=\"_unknown\"} 1.0\n"), metrics);
    }
}
