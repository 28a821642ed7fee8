package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many uploaders at once: every event is stored exactly once and the totals are exact. */
class ConcurrentUploadTest {

    static final int UPLOADERS = 8;
    static final int REQUESTS_EACH = 25;
    static final int EVENTS_EACH = 20;
    static final int PER_SCENARIO = UPLOADERS * REQUESTS_EACH * EVENTS_EACH / 2;
    static final List<String> SCENARIOS = List.of("alpha", "beta");

    @Nested
    @DisplayName("over the in-memory store")
    class InMemory {

        @RegisterExtension
        final ServerExtension server = ServerExtension.inMemory();

        @Test
        @DisplayName("8 concurrent uploaders: exact totals, every event id stored once")
        void concurrentUploads() throws Exception {
            uploadConcurrently(server);

            for (String scenario : SCENARIOS) {
                assertEquals(PER_SCENARIO, server.store().summary(scenario).orElseThrow().totalEvents());
                assertEquals(expectedIds(scenario), storedIds(server, scenario));
            }
        }
    }

    @Nested
    @DisplayName("over the JSONL store in a temporary directory")
    class Jsonl {

        @RegisterExtension
        final ServerExtension server = ServerExtension.jsonl();

        @Test
        @DisplayName("8 concurrent uploaders: exact totals, whole lines only, every event id once in the file")
        void concurrentUploads() throws Exception {
            uploadConcurrently(server);

            EventDecoder decoder = EventDecoder.create();
            for (String scenario : SCENARIOS) {
                assertEquals(200, server.get("/api/v1/telemetry/" + scenario).status());
                assertEquals(PER_SCENARIO, server.store().summary(scenario).orElseThrow().totalEvents());

                List<String> lines = server.storedLines(scenario);
                List<String> idsInFile = new ArrayList<>();
                for (String line : lines) {
                    // Each line must decode on its own as one whole event of this scenario: two
                    // writes interleaved would leave a line that is not JSON, or two events on one line.
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    TelemetryEvent e = decoder.decodeLine(bytes, 0, bytes.length);
                    assertEquals(scenario, e.scenario(), line);
                    idsInFile.add(e.eventId());
                }
                assertEquals(PER_SCENARIO, lines.size());
                assertEquals(PER_SCENARIO, new HashSet<>(idsInFile).size(), "an event id appears twice in the file");
                assertEquals(expectedIds(scenario), new HashSet<>(idsInFile));
                assertEquals(expectedIds(scenario), storedIds(server, scenario));
            }
        }
    }

    /** Runs the uploaders from one start signal and checks every answer is the full success. */
    static void uploadConcurrently(ServerExtension server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int u = 0; u < UPLOADERS; u++) {
                int uploader = u;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> answers = new ArrayList<>();
                    for (int r = 0; r < REQUESTS_EACH; r++) {
                        answers.add(server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                                batch(uploader, r)).body());
                    }
                    return answers;
                }));
            }
            start.countDown();
            for (Future<List<String>> f : results) {
                for (String answer : f.get(Await.DEADLINE.toSeconds() * 2, TimeUnit.SECONDS)) {
                    assertEquals("{\"status\":\"accepted\",\"events_received\":" + EVENTS_EACH
                            + ",\"events_stored\":" + EVENTS_EACH + "}", answer);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The ids the store holds for a scenario, checked to be distinct. */
    static Set<String> storedIds(ServerExtension server, String scenario) {
        List<TelemetryEvent> events = server.store().query(EventQuery.builder(scenario)
                .limit(EventQuery.MAX_LIMIT).build()).events();
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        assertEquals(events.size(), ids.size(), "the store returned an event twice");
        return ids;
    }

    /** Every id the uploaders sent for a scenario. */
    static Set<String> expectedIds(String scenario) {
        Set<String> ids = new HashSet<>();
        int parity = SCENARIOS.indexOf(scenario);
        for (int u = 0; u < UPLOADERS; u++) {
            for (int r = 0; r < REQUESTS_EACH; r++) {
                for (int i = parity; i < EVENTS_EACH; i += 2) {
                    ids.add(eventId(u, r, i));
                }
            }
        }
        return ids;
    }

    static String eventId(int uploader, int request, int event) {
        return "u" + uploader + "-r" + request + "-e" + event;
    }

    /** Twenty events, half alpha and half beta, with ids unique across the whole test. */
    static String batch(int uploader, int request) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < EVENTS_EACH; i++) {
            sb.append("{\"scenario\":\"").append(SCENARIOS.get(i % 2))
                    .append("\",\"event\":\"service_started\",\"event_id\":\"").append(eventId(uploader, request, i))
                    .append("\",\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"uploader\":").append(uploader)
                    .append(",\"padding\":\"").append("x".repeat(200)).append("\"}}\n");
        }
        return sb.toString();
    }
}
