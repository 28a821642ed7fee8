package com.vrooli.telemetry.examples;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real telemetry server for the examples' tests: {@link TelemetryServer} over a
 * {@link JsonlTelemetryStore} in the test's directory, on a free loopback port. What arrived is
 * read from the server's own {@code /metrics}, so a test can tell "stored once" from "sent once".
 */
final class RealServer implements AutoCloseable {

    private final Path dir;
    private final JsonlTelemetryStore store;
    private final TelemetryServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RealServer(Path dir) {
        this.dir = dir;
        this.store = JsonlTelemetryStore.builder(dir).open();
        this.server = TelemetryServer.builder(store).port(0).build().start();
    }

    /** Starts a server whose store keeps its files in {@code dir}. */
    static RealServer start(Path dir) {
        return new RealServer(dir);
    }

    URI uploadUri() {
        return server.uri().resolve("/api/v1/telemetry/upload");
    }

    /** Events that arrived in upload bodies, re-sends included. */
    long received() {
        return metric("telemetry_events_received_total");
    }

    /** Events that arrived again after being stored. */
    long duplicates() {
        return metric("telemetry_events_duplicate_total");
    }

    /** The stored summary of a scenario. */
    ScenarioSummary summary(String scenario) {
        return store.summary(scenario).orElse(ScenarioSummary.empty(scenario));
    }

    /** The lines of {@code {dir}/{scenario}.jsonl}. */
    List<String> storedLines(String scenario) throws IOException {
        return Files.readAllLines(dir.resolve(scenario + ".jsonl"), StandardCharsets.UTF_8);
    }

    /** Every stored event of a scenario, oldest first. */
    List<TelemetryEvent> events(String scenario) {
        List<TelemetryEvent> all = new ArrayList<>();
        EventQuery query = EventQuery.builder(scenario).order(EventQuery.Order.OLDEST_FIRST)
                .limit(EventQuery.MAX_LIMIT).build();
        EventPage page = store.query(query);
        all.addAll(page.events());
        while (page.nextCursor() != null) {
            page = store.query(query.withCursor(page.nextCursor()));
            all.addAll(page.events());
        }
        return all;
    }

    private long metric(String name) {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
