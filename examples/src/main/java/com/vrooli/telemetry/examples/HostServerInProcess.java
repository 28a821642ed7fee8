package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hosting the telemetry server inside your own Java process, over the embedded JSONL store: open
 * the store on a directory, start a {@link TelemetryServer} on a free port, upload the API
 * document's first example over HTTP as a deployed app would, read the summaries and the error
 * events back, and shut down (the server first, gracefully, then the store). Then it opens the
 * directory again, as a restarted host would, and shows the summaries are still there: they are
 * rebuilt from {@code {dir}/picker-wheel.jsonl}.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * java -cp examples/target/classes:telemetry-client/target/classes:telemetry-cli/target/telemetry.jar \
 *     com.vrooli.telemetry.examples.HostServerInProcess [telemetryDir]
 * </pre>
 * Without a directory it uses a new temporary one. It prints what it does and exits.
 */
public final class HostServerInProcess {

    /** The API document's first upload example, plus one failure so there is something to find. */
    static final String EVENTS = "["
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\","
            + "\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}},"
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"ready\","
            + "\"timestamp\":\"2025-01-15T12:00:05Z\",\"details\":{\"startup_ms\":5000}},"
            + "{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"dependency_unreachable\","
            + "\"timestamp\":\"2025-01-15T14:25:00Z\","
            + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}]";

    /**
     * What one run answered.
     *
     * @param upload         the upload answer
     * @param summaries      {@code GET /api/v1/telemetry} while serving
     * @param errors         {@code GET /api/v1/telemetry/picker-wheel/events?level=error}
     * @param afterReopening {@code GET /api/v1/telemetry} from a second server over the reopened directory
     */
    record Run(String upload, String summaries, String errors, String afterReopening) {
    }

    private HostServerInProcess() {
    }

    /**
     * Runs the example.
     *
     * @param args optional telemetry directory
     * @throws IOException          when the directory cannot be created or a request fails
     * @throws InterruptedException when interrupted while waiting for an answer
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("telemetry-");
        run(dir, System.out);
    }

    /** Serves over {@code dir}, uploads, reads, stops; then reopens {@code dir} and reads again. */
    static Run run(Path dir, PrintStream out) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String upload;
        String summaries;
        String errors;
        // The server never closes the store: try-with-resources closes the server first, then the store.
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open();
             TelemetryServer server = TelemetryServer.builder(store).port(0).build().start()) {
            URI api = server.uri().resolve("/api/v1/telemetry");
            out.println("telemetry server listening on " + server.uri() + " with events in " + dir);

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + "/upload"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENTS))
                    .build(), HttpResponse.BodyHandlers.ofString());
            upload = answer.body();
            out.println("upload answered " + answer.statusCode() + ": " + upload);

            summaries = get(http, api);
            out.println("summaries: " + summaries);
            errors = get(http, URI.create(api + "/picker-wheel/events?level=error"));
            out.println("errors: " + errors);
        }
        out.println("stopped; " + dir.resolve("picker-wheel.jsonl") + " holds "
                + Files.readAllLines(dir.resolve("picker-wheel.jsonl")).size() + " lines");

        try (JsonlTelemetryStore reopened = JsonlTelemetryStore.builder(dir).open();
             TelemetryServer server = TelemetryServer.builder(reopened).port(0).build().start()) {
            String again = get(http, server.uri().resolve("/api/v1/telemetry"));
            out.println("after reopening: " + again);
            return new Run(upload, summaries, errors, again);
        }
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
