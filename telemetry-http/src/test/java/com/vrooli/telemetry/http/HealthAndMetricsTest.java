package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.testing.Await;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /health} and {@code /metrics} on a real server. */
class HealthAndMetricsTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("health is ok while the store is writable")
    void healthOk() {
        ServerExtension.Answer a = server.get("/health");

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"ok\",\"store_writable\":true}", a.body());
    }

    @Test
    @DisplayName("HEAD /health answers the status without a body")
    void headHealth() {
        ServerExtension.Answer a = server.send(HttpRequest.newBuilder(server.uri("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, a.status());
        assertEquals("", a.body());
    }

    @Test
    @DisplayName("metrics count events by scenario, requests by route and status, sizes and latencies")
    void metricsAfterUploads() {
        server.post(UPLOAD, "application/json", DocumentExamples.JSON_ARRAY);
        server.post(UPLOAD + "?scenario=picker-wheel", "application/x-ndjson",
                "{\"event\":\"ready\",\"event_id\":\"e-1\"}\n{\"timestamp\":\"2025-01-15T12:00:00Z\"}");
        server.post(UPLOAD + "?scenario=picker-wheel", "application/x-ndjson", "{\"event\":\"ready\",\"event_id\":\"e-1\"}");
        server.post(UPLOAD, "application/json", "[{\"event\":\"app_start\"}]");

        Await.until("the four uploads to be counted", () -> metrics().contains(
                "telemetry_http_requests_total{route=\"upload\",status=\"200\"} 3.0\n")
                && metrics().contains("telemetry_upload_duration_seconds_count 4\n"));
        ServerExtension.Answer a = server.get("/metrics");

        assertEquals(200, a.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", a.header("Content-Type"));
        String text = a.body();
        assertContains(text, "# TYPE telemetry_events_received_total counter\n"
                + "telemetry_events_received_total{scenario=\"_unknown\"} 1.0\n"
                + "telemetry_events_received_total{scenario=\"picker-wheel\"} 5.0\n");
        assertContains(text, "telemetry_events_stored_total{scenario=\"picker-wheel\"} 3.0\n");
        assertContains(text, "telemetry_events_rejected_total{scenario=\"_unknown\"} 1.0\n"
                + "telemetry_events_rejected_total{scenario=\"picker-wheel\"} 1.0\n");
        assertContains(text, "telemetry_events_duplicate_total{scenario=\"picker-wheel\"} 1.0\n");
        assertContains(text, "telemetry_http_requests_total{route=\"upload\",status=\"200\"} 3.0\n"
                + "telemetry_http_requests_total{route=\"upload\",status=\"400\"} 1.0\n");
        assertContains(text, "# TYPE telemetry_upload_request_bytes histogram\n");
        assertContains(text, "telemetry_upload_request_bytes_bucket{le=\"1024.0\"} 4\n");
        assertContains(text, "telemetry_upload_request_bytes_count 4\n");
        assertContains(text, "# TYPE telemetry_upload_duration_seconds histogram\n");
        assertContains(text, "telemetry_upload_duration_seconds_bucket{le=\"+Inf\"} 4\n");
        assertContains(text, "# TYPE telemetry_store_fsync_duration_seconds histogram\n");
        assertContains(text, "telemetry_store_fsync_duration_seconds_count 0\n");
        assertContains(text, "# TYPE telemetry_store_writable gauge\ntelemetry_store_writable 1.0\n");
    }

    @Test
    @DisplayName("refusals are counted under their route")
    void errorsAreCounted() {
        server.get("/nope");
        server.get("/api/v1/telemetry/ghost");

        Await.until("the refusals to be counted", () -> metrics().contains(
                "telemetry_http_requests_total{route=\"summary\",status=\"404\"} 1.0\n")
                && metrics().contains("telemetry_http_requests_total{route=\"unmatched\",status=\"404\"} 1.0\n"));
    }

    private String metrics() {
        return server.get("/metrics").body();
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected the metrics to contain\n" + expected + "\nbut were\n"
                + text);
    }
}
