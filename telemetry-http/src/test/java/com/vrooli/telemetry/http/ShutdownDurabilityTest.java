package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown over the real JSONL store: uploads are in flight (held in the store's append)
 * while {@link TelemetryServer#close()} runs, more keep coming; every event of an upload answered
 * 200 is in {@code {scenario}.jsonl} when the directory is opened again, once.
 */
class ShutdownDurabilityTest {

    static final int UPLOADERS = 8;
    static final int EVENTS_EACH = 10;
    static final String SCENARIO = "picker-wheel";

    @TempDir
    Path dir;

    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Integer> refusals = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("close() with uploads in flight: every acknowledged event is in the file after reopening")
    void noAcknowledgedEventIsLost() throws Exception {
        GateStore store = new GateStore(JsonlTelemetryStore.builder(dir).open());
        TelemetryServer server = TelemetryServer.builder(store).port(0).build().start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        Thread closer = new Thread(server::close, "closer");
        try (RawHttpConnection open = new RawHttpConnection(server.address())) {
            assertEquals(200, open.get("/health").status());
            List<Future<?>> uploaders = new ArrayList<>();
            for (int u = 0; u < UPLOADERS; u++) {
                int uploader = u;
                uploaders.add(pool.submit(() -> uploadUntilRefused(client, server.uri(), uploader)));
            }
            Await.until("every uploader's first upload is held in the store", () -> store.heldAppends() == UPLOADERS);

            closer.start();
            Await.until("the server to refuse new requests", () -> refusedNow(open));
            assertTrue(closer.isAlive(), "close() waits while uploads are in flight");
            store.open();
            for (Future<?> f : uploaders) {
                f.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            closer.join(Await.DEADLINE.toMillis());
            assertFalse(closer.isAlive(), "close() returned once the uploads in flight were answered");
        } finally {
            pool.shutdownNow();
            server.close();
            store.close();
        }

        assertTrue(acknowledged.size() >= UPLOADERS * EVENTS_EACH, "the held uploads were answered 200");
        assertTrue(refusals.stream().allMatch(status -> status == 503), "refused only with 503: " + refusals);
        List<String> inFile = idsInFile();
        Set<String> distinct = new HashSet<>(inFile);
        assertEquals(inFile.size(), distinct.size(), "an event is twice in the file");
        assertTrue(distinct.containsAll(acknowledged), "an acknowledged event is missing from the file");
        assertTrue(sent.containsAll(distinct), "the file holds an event nobody sent");
        try (JsonlTelemetryStore reopened = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(inFile.size(), reopened.summary(SCENARIO).orElseThrow().totalEvents());
        }
    }

    /** Uploads batch after batch until an answer is not 200 or the connection fails. */
    private void uploadUntilRefused(HttpClient client, URI base, int uploader) {
        for (int request = 0; ; request++) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < EVENTS_EACH; i++) {
                String id = "u" + uploader + "-r" + request + "-e" + i;
                ids.add(id);
                body.append("{\"scenario\":\"" + SCENARIO + "\",\"event\":\"tick\",\"event_id\":\"").append(id)
                        .append("\",\"timestamp\":\"2025-01-15T12:00:00Z\"}\n");
            }
            sent.addAll(ids);
            int status;
            try {
                status = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/telemetry/upload"))
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Await.DEADLINE)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return; // the listener is gone: this batch was never acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status != 200) {
                refusals.add(status);
                return;
            }
            acknowledged.addAll(ids);
        }
    }

    private static boolean refusedNow(RawHttpConnection open) {
        try {
            return open.get("/health").status() == 503;
        } catch (IOException e) {
            throw new AssertionError("the open connection broke instead of answering 503", e);
        }
    }

    private List<String> idsInFile() throws IOException {
        EventDecoder decoder = EventDecoder.create();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(SCENARIO + ".jsonl"), StandardCharsets.UTF_8)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            TelemetryEvent e = decoder.decodeLine(bytes, 0, bytes.length);
            ids.add(e.eventId());
        }
        return ids;
    }
}
