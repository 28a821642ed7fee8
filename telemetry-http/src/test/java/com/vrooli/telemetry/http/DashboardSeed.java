package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the dashboard's browser tests store and send: the seed scenarios and uploads over HTTP. */
final class DashboardSeed {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DashboardSeed() {
    }

    static TelemetryEvent event(Instant now, String scenario, String deployment, String type, long secondsAgo,
                                Map<String, ?> details) {
        return new TelemetryEvent(now.minusSeconds(secondsAgo), scenario, deployment, type, null,
                details == null ? null : Details.of(details));
    }

    /**
     * Three scenarios seen from {@code now}: picker-wheel failing with three deployments (failing,
     * silent, ok; 2 failures in the last 24 h, 3 in all), shared-auth quiet, photo-vault fine.
     */
    static List<TelemetryEvent> events(Instant now) {
        List<TelemetryEvent> events = new ArrayList<>();
        events.add(event(now, "picker-wheel", "deploy-a", "app_start", 3 * 3600, Map.of("version", "1.2.0",
                "platform", "win-x64")));
        events.add(event(now, "picker-wheel", "deploy-a", "dependency_unreachable", 2 * 3600,
                Map.of("service", "sqlite", "reason", "connection timeout")));
        events.add(event(now, "picker-wheel", "deploy-a", "crash", 20 * 60, Map.of("error", "NullPointer in driver")));
        events.add(event(now, "picker-wheel", "deploy-b", "app_start", 30 * 3600, Map.of("version", "1.1.0",
                "platform", "linux-x64")));
        events.add(event(now, "picker-wheel", "deploy-b", "migration_failed", 29 * 3600,
                Map.of("error", "disk quota")));
        events.add(event(now, "picker-wheel", "deploy-c", "app_start", 10 * 60, Map.of("version", "1.2.0",
                "platform", "mac-arm64")));
        for (int i = 0; i < 60; i++) {
            events.add(event(now, "picker-wheel", "deploy-c", "ready", 3600 - i * 10L, Map.of("startup_ms", 100 + i)));
        }
        events.add(event(now, "shared-auth", null, "app_start", 3 * 86400, null));
        events.add(event(now, "photo-vault", "pv-1", "app_start", 600, Map.of("version", "0.9.0")));
        events.add(event(now, "photo-vault", "pv-1", "ready", 590, null));
        return events;
    }

    /** POSTs {@code body} to the server's upload endpoint (with a bearer token unless null); 200 expected. */
    static void upload(URI server, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
