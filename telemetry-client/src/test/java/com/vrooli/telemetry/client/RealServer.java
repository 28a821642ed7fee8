package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real server for the client's integration tests: telemetry-http's {@link TelemetryServer}
 * over a {@link JsonlTelemetryStore} in a temporary directory of its own, on a loopback port.
 * What arrived is read from the server's own {@code /metrics} (updated before each answer is
 * sent); it can hold its answers after storing (a client killed while waiting). Reached through
 * {@link TestServers#real()}.
 */
final class RealServer implements AutoCloseable {

    private final Path dir;
    private final HoldingStore store;
    private final TelemetryServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RealServer(Path dir, HoldingStore store, TelemetryServer server) {
        this.dir = dir;
        this.store = store;
        this.server = server;
    }

    /** Starts on {@code port} (0: a free one) with the given per-event limit in bytes. */
    static RealServer start(int port, int maxEventBytes) {
        Path dir;
        try {
            dir = Files.createTempDirectory("telemetry-client-test-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HoldingStore store = new HoldingStore(JsonlTelemetryStore.builder(dir).open());
        try {
            TelemetryServer server = TelemetryServer.builder(store).port(port).bindAddress("127.0.0.1")
                    .maxEventBytes(maxEventBytes).shutdownTimeout(Duration.ofSeconds(5)).build().start();
            return new RealServer(dir, store, server);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    URI uploadUri() {
        return server.uri().resolve(FakeServer.UPLOAD_PATH);
    }

    /** The directory of the server's {@code {scenario}.jsonl} files. */
    Path dir() {
        return dir;
    }

    /** From now on, answers wait (after storing) until {@link #releaseAnswers()}. */
    void holdAnswers() {
        store.hold();
    }

    void releaseAnswers() {
        store.release();
    }

    /** Answers currently or previously held back. */
    int heldAnswers() {
        return store.held();
    }

    /** Upload requests whose body the server read. */
    long requests() {
        return metric("telemetry_upload_request_bytes_count");
    }

    /** Events that arrived in upload bodies, re-sends included. */
    long eventsReceived() {
        return metric("telemetry_events_received_total");
    }

    /** Events that arrived again after being stored. */
    long duplicates() {
        return metric("telemetry_events_duplicate_total");
    }

    /** Every stored event of a scenario, in stored order. */
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

    /** The sum of a metric's samples over all its labels, 0 when it has none yet. */
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
            store.release();
            server.close();
        } finally {
            store.close();
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
