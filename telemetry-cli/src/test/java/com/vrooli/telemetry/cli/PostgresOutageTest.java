package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import com.vrooli.telemetry.testing.Await;
import com.vrooli.telemetry.testing.StoredEvents;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store's database going away and coming back under a running server. */
class PostgresOutageTest {

    @RegisterExtension
    final RestartablePostgres pg = new RestartablePostgres();

    private final ServerCalls calls = new ServerCalls();
    private PostgresTelemetryStore store;
    private TelemetryServer server;
    private URI base;

    @BeforeEach
    void start() {
        store = PostgresTelemetryStore.builder(pg.jdbcUrl()).connectionTimeout(Duration.ofSeconds(1)).open();
        server = TelemetryServer.builder(store).port(0).build().start();
        base = server.uri();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    @DisplayName("database down: uploads and reads answer 503 with Retry-After, /health says why; back up, all recovers")
    void downAndBack() throws Exception {
        assertEquals(200, upload(batch("before", 0, 5)).statusCode());

        pg.stop();

        HttpResponse<String> refused = upload(batch("during", 0, 5));
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals("error", ServerCalls.json(refused).get("status").asText());
        assertEquals(503, get("/api/v1/telemetry").statusCode());
        assertEquals(503, get("/api/v1/telemetry/app/events").statusCode());
        HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode());
        JsonNode h = ServerCalls.json(health);
        assertFalse(h.get("store_writable").asBoolean());
        assertTrue(h.get("error").asText().contains("the database cannot be reached"), h.toString());

        pg.start();

        Await.until("health to recover", () -> get("/health").statusCode() == 200);
        assertEquals(200, upload(batch("after", 0, 5)).statusCode());
        JsonNode summary = ServerCalls.json(get("/api/v1/telemetry/app"));
        assertEquals(10, summary.get("total_events").asInt(), "the refused upload left nothing behind: " + summary);
    }

    @Test
    @DisplayName("the database restarting under load loses no acknowledged event and stores none twice")
    void restartUnderLoad() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        Thread[] loaders = new Thread[3];
        for (int t = 0; t < loaders.length; t++) {
            String prefix = "t" + t + "-";
            loaders[t] = new Thread(() -> {
                for (int b = 0; running.get(); b++) {
                    String body = batch(prefix + b, 0, 20);
                    try {
                        HttpResponse<String> r = upload(body);
                        if (r.statusCode() == 200) {
                            for (int i = 0; i < 20; i++) {
                                acknowledged.add(prefix + b + "-" + i);
                            }
                            batches.incrementAndGet();
                        } else {
                            refusals.incrementAndGet();
                        }
                    } catch (UncheckedIOException e) {
                        refusals.incrementAndGet();
                    }
                }
            });
            loaders[t].start();
        }
        Await.until("some batches before the restart", () -> batches.get() >= 10);
        pg.stop();
        Await.until("a refused upload while the database is down", () -> refusals.get() > 0);
        pg.start();
        int afterRestart = batches.get();
        Await.until("uploads succeeding again", () -> batches.get() >= afterRestart + 10);
        running.set(false);
        for (Thread t : loaders) {
            t.join(Await.DEADLINE.toMillis());
        }

        List<TelemetryEvent> stored = readAll();
        Set<String> ids = new HashSet<>();
        for (TelemetryEvent e : stored) {
            assertTrue(ids.add(e.eventId()), "stored twice: " + e.eventId());
        }
        assertTrue(ids.containsAll(acknowledged), "every acknowledged event is stored");
        assertEquals(stored.size(), store.summary("app").orElseThrow().totalEvents(),
                "the summary counts exactly the stored events");
    }

    private List<TelemetryEvent> readAll() {
        return StoredEvents.all(store, EventQuery.builder("app").limit(EventQuery.MAX_LIMIT).build());
    }

    private static String batch(String idPrefix, int from, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < from + n; i++) {
            if (i > from) {
                b.append(',');
            }
            b.append("{\"scenario\":\"app\",\"event\":\"").append(i % 4 == 0 ? "crash" : "ready")
                    .append("\",\"event_id\":\"").append(idPrefix).append('-').append(i).append("\"}");
        }
        return b.append(']').toString();
    }

    private HttpResponse<String> upload(String body) {
        return calls.upload(base, body);
    }

    private HttpResponse<String> get(String path) {
        return calls.get(base, path);
    }
}
