package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Label values on {@code /metrics} are bounded: a rejected request never adds a series. */
class MetricLabelsTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final String INVALID = "[{\"timestamp\":\"2025-01-15T12:00:00Z\"}]";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("1,500 rejected uploads with made-up ?scenario= names add no series")
    void rejectedScenariosAddNoSeries() {
        server.post(UPLOAD + "?scenario=junk0", "application/json", INVALID);
        long before = scenarioSeries(server.get("/metrics").body());

        for (int i = 1; i < 1500; i++) {
            assertEquals(400, server.post(UPLOAD + "?scenario=junk" + i, "application/json", INVALID).status());
        }

        String text = server.get("/metrics").body();
        assertEquals(before, scenarioSeries(text), text);
        assertFalse(text.contains("junk"), text);
        assertTrue(text.contains("telemetry_events_rejected_total{scenario=\"_unknown\"} 1500.0\n"), text);
        assertTrue(text.contains("telemetry_events_received_total{scenario=\"_unknown\"} 1500.0\n"), text);
    }

    @Test
    @DisplayName("a rejected event is counted under ?scenario= once the store holds that scenario")
    void existingScenarioKeepsItsLabel() {
        server.post(UPLOAD + "?scenario=picker-wheel", "application/json", INVALID);
        assertTrue(server.get("/metrics").body().contains(
                "telemetry_events_rejected_total{scenario=\"_unknown\"} 1.0\n"));

        server.post(UPLOAD + "?scenario=picker-wheel", "application/json", "[{\"event\":\"app_start\"}]");
        server.post(UPLOAD + "?scenario=picker-wheel", "application/json", INVALID);

        String text = server.get("/metrics").body();
        assertTrue(text.contains("telemetry_events_rejected_total{scenario=\"_unknown\"} 1.0\n"
                + "telemetry_events_rejected_total{scenario=\"picker-wheel\"} 1.0\n"), text);
    }

    private static long scenarioSeries(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> l.contains("scenario=\"")).count();
    }
}
