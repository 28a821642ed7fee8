package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many uploaders at once: every event is stored exactly once and the totals are exact. */
class ConcurrentUploadTest {

    static final int UPLOADERS = 8;
    static final int REQUESTS_EACH = 25;
    static final int EVENTS_EACH = 20;

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("8 concurrent uploaders: exact totals, every event id stored once")
    void concurrentUploads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
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
                assertEquals("{\"status\":\"accepted\",\"events_received\":" + EVENTS_EACH + ",\"events_stored\":"
                        + EVENTS_EACH + "}", answer);
            }
        }
        pool.shutdown();

        int perScenario = UPLOADERS * REQUESTS_EACH * EVENTS_EACH / 2;
        for (String scenario : List.of("alpha", "beta")) {
            assertEquals(perScenario, server.store().summary(scenario).orElseThrow().totalEvents());
            List<TelemetryEvent> events = server.store().query(EventQuery.builder(scenario)
                    .limit(EventQuery.MAX_LIMIT).build()).events();
            Set<String> ids = new HashSet<>();
            events.forEach(e -> ids.add(e.eventId()));
            assertEquals(perScenario, events.size());
            assertEquals(perScenario, ids.size());
        }
    }

    /** Twenty events, half alpha and half beta, with ids unique across the whole test. */
    static String batch(int uploader, int request) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < EVENTS_EACH; i++) {
            sb.append("{\"scenario\":\"").append(i % 2 == 0 ? "alpha" : "beta")
                    .append("\",\"event\":\"service_started\",\"event_id\":\"u").append(uploader).append("-r")
                    .append(request).append("-e").append(i)
                    .append("\",\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"uploader\":").append(uploader)
                    .append(",\"padding\":\"").append("x".repeat(200)).append("\"}}\n");
        }
        return sb.toString();
    }
}
