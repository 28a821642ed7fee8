package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import com.vrooli.telemetry.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL store's retention counters on {@code /metrics}. */
class RetentionMetricsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a rotation by retention is counted on /metrics")
    void rotationsAreCounted() throws Exception {
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(RetentionPolicy.MIN_SEGMENT_BYTES).build();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).retention(policy).open();
             TelemetryServer server = TelemetryServer.builder(store).port(0).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            assertTrue(metrics(http, server.uri()).contains("# TYPE telemetry_retention_rotations_total counter\n"
                    + "telemetry_retention_rotations_total 0.0\n"));
            String big = "[{\"event\":\"app_start\",\"details\":{\"pad\":\"" + "x".repeat(2000) + "\"}}]";

            HttpResponse<String> up = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/telemetry/upload"
                    + "?scenario=picker-wheel")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, up.statusCode(), up.body());

            Await.until("the rotation to be counted", () -> metrics(http, server.uri()).contains(
                    "telemetry_retention_rotations_total 1.0\n"), () -> metrics(http, server.uri()));
            String text = metrics(http, server.uri());
            assertTrue(text.contains("telemetry_retention_segments_compressed_total 0.0\n"), text);
            assertTrue(text.contains("telemetry_retention_segments_deleted_total 0.0\n"), text);
            assertTrue(text.contains("telemetry_retention_failures_total 0.0\n"), text);
        }
    }

    private static String metrics(HttpClient http, URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
