package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.testing.StoredEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real server for other modules' integration tests (client, examples): {@link TelemetryServer}
 * over a {@link JsonlTelemetryStore}, on a loopback port. What arrived is read from the server's
 * own {@code /metrics} (updated before each answer is sent), so a test can tell "stored once" from
 * "sent once"; it can hold its answers after storing (a client killed while waiting for one).
 */
public final class RealServer implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;
    private final HoldingStore store;
    private final TelemetryServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RealServer(Path dir, boolean temporary, int port, int maxEventBytes) {
        this.dir = dir;
        this.temporary = temporary;
        this.store = new HoldingStore(JsonlTelemetryStore.builder(dir).open());
        try {
            this.server = TelemetryServer.builder(store).port(port).bindAddress("127.0.0.1")
                    .maxEventBytes(maxEventBytes).shutdownTimeout(Duration.ofSeconds(5)).build().start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts on a free port with its files in {@code dir}, which it leaves in place when closed. */
    public static RealServer start(Path dir) {
        return new RealServer(dir, false, 0, DecodeLimits.DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * Starts on {@code port} (0: a free one) with the given per-event limit in bytes, its files in a
     * temporary directory of its own that is deleted when closed.
     */
    public static RealServer startTemporary(int port, int maxEventBytes) {
        try {
            return new RealServer(Files.createTempDirectory("telemetry-test-server-"), true, port, maxEventBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where uploads go. */
    public URI uploadUri() {
        return server.uri().resolve(Routes.API + "/upload");
    }

    /** The directory of the server's {@code {scenario}.jsonl} files. */
    public Path dir() {
        return dir;
    }

    /** From now on, answers wait (after storing) until {@link #releaseAnswers()}. */
    public void holdAnswers() {
        store.hold();
    }

    /** Lets held answers go, and answers from now on at once. */
    public void releaseAnswers() {
        store.release();
    }

    /** Answers currently or previously held back. */
    public int heldAnswers() {
        return store.held();
    }

    /** Upload requests whose body the server read. */
    public long requests() {
        return metric("telemetry_upload_request_bytes_count");
    }

    /** Events that arrived in upload bodies, re-sends included. */
    public long eventsReceived() {
        return metric("telemetry_events_received_total");
    }

    /** Events that arrived again after being stored. */
    public long duplicates() {
        return metric("telemetry_events_duplicate_total");
    }

    /** The stored summary of a scenario. */
    public ScenarioSummary summary(String scenario) {
        return store.summary(scenario).orElse(ScenarioSummary.empty(scenario));
    }

    /** The lines of {@code {dir}/{scenario}.jsonl}. */
    public List<String> storedLines(String scenario) throws IOException {
        return Files.readAllLines(dir.resolve(scenario + ".jsonl"), StandardCharsets.UTF_8);
    }

    /** Every stored event of a scenario, oldest first. */
    public List<TelemetryEvent> events(String scenario) {
        return StoredEvents.oldestFirst(store, scenario);
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
            if (temporary) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
