package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.TelemetryServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Hosting the telemetry server inside your own Java process: open a store, start a
 * {@link TelemetryServer} on a free port, upload events over HTTP as a deployed app would, read the
 * summaries back, and shut down (the server first, gracefully, then the store).
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java} or from an IDE; it prints what
 * it does and exits.
 */
public final class HostServerInProcess {

    /** The API document's first upload example. */
    static final String EVENTS = "["
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\","
            + "\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}},"
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"ready\","
            + "\"timestamp\":\"2025-01-15T12:00:05Z\",\"details\":{\"startup_ms\":5000}}]";

    private HostServerInProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out);
    }

    /**
     * The whole example: serve, upload, read, stop.
     *
     * @return the summaries answer, {@code {"scenarios":[...],"total_scenarios":N}}
     */
    static String run(PrintStream out) throws IOException, InterruptedException {
        try (TelemetryStore store = InMemoryTelemetryStore.create();
             TelemetryServer server = TelemetryServer.builder(store).port(0).build().start()) {
            URI api = server.uri().resolve("/api/v1/telemetry");
            out.println("telemetry server listening on " + server.uri());

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(api + "/upload"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENTS))
                    .build(), HttpResponse.BodyHandlers.ofString());
            out.println("upload answered " + upload.statusCode() + ": " + upload.body());

            HttpResponse<String> summaries = http.send(HttpRequest.newBuilder(api).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("summaries: " + summaries.body());
            return summaries.body();
        }
    }
}
