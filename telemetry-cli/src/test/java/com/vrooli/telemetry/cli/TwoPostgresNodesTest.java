package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several stateless server nodes on one PostgreSQL database. */
class TwoPostgresNodesTest {

    @TempDir
    Path home;

    @RegisterExtension
    final RestartablePostgres pg = new RestartablePostgres();

    private final ServerCalls calls = new ServerCalls();

    @Test
    @DisplayName("the same events sent to both nodes are stored once, and both nodes answer the same summaries")
    void sameEventToBothNodes() throws Exception {
        try (PostgresTelemetryStore s1 = PostgresTelemetryStore.builder(pg.jdbcUrl()).open();
             PostgresTelemetryStore s2 = PostgresTelemetryStore.builder(pg.jdbcUrl()).open();
             TelemetryServer n1 = TelemetryServer.builder(s1).port(0).build().start();
             TelemetryServer n2 = TelemetryServer.builder(s2).port(0).build().start()) {
            String body = batch("same", 10);

            JsonNode first = ServerCalls.json(calls.upload(n1.uri(), body));
            JsonNode second = ServerCalls.json(calls.upload(n2.uri(), body));

            assertEquals(10, first.get("events_stored").asInt());
            assertEquals(0, second.get("events_stored").asInt());
            assertEquals(10, second.get("duplicates").asInt());
            // concurrent: each node half of its own and half shared
            Thread a = new Thread(() -> uploadQuietly(n1.uri(), batch("race", 50)));
            Thread b = new Thread(() -> uploadQuietly(n2.uri(), batch("race", 50)));
            a.start();
            b.start();
            a.join();
            b.join();
            String summaries1 = calls.get(n1.uri(), "/api/v1/telemetry").body();
            String summaries2 = calls.get(n2.uri(), "/api/v1/telemetry").body();
            assertEquals(summaries1, summaries2);
            assertEquals(60, ServerCalls.json(calls.get(n1.uri(), "/api/v1/telemetry/app")).get("total_events")
                    .asInt());
        }
    }

    @Test
    @DisplayName("a node SIGKILLed under load loses no acknowledged event; the other node goes on")
    void nodeKilledUnderLoad() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger acks = new AtomicInteger();
        try (PostgresTelemetryStore survivorStore = PostgresTelemetryStore.builder(pg.jdbcUrl()).open();
             TelemetryServer survivor = TelemetryServer.builder(survivorStore).port(0).build().start();
             ChildServer victim = ChildServer.start(home.resolve("unused"), home.resolve("child.log"), "256m",
                     "--store", "postgres", "--jdbc-url", pg.jdbcUrl())) {
            List<Thread> loaders = new ArrayList<>();
            for (URI node : List.of(victim.base(), survivor.uri())) {
                for (int t = 0; t < 2; t++) {
                    String prefix = node.getPort() + "-" + t + "-";
                    Thread loader = new Thread(() -> {
                        for (int n = 0; running.get(); n++) {
                            try {
                                HttpResponse<String> r = calls.upload(node, batch(prefix + n, 25));
                                if (r.statusCode() == 200) {
                                    for (int i = 0; i < 25; i++) {
                                        acknowledged.add(prefix + n + "-" + i);
                                    }
                                    acks.incrementAndGet();
                                }
                            } catch (UncheckedIOException e) {
                                // the killed node: its in-flight uploads were not acknowledged
                            }
                        }
                    });
                    loader.start();
                    loaders.add(loader);
                }
            }
            Await.until("uploads through both nodes", () -> acks.get() >= 20);
            victim.kill();
            int atKill = acks.get();
            Await.until("the surviving node going on", () -> acks.get() >= atKill + 10);
            running.set(false);
            for (Thread t : loaders) {
                t.join(Await.DEADLINE.toMillis());
            }

            Set<String> stored = new HashSet<>();
            for (TelemetryEvent e : StoredEvents.all(survivorStore,
                    EventQuery.builder("app").limit(EventQuery.MAX_LIMIT).build())) {
                assertTrue(stored.add(e.eventId()), "stored twice: " + e.eventId());
            }
            assertTrue(stored.containsAll(acknowledged), "every acknowledged event is stored");
            assertEquals(stored.size(), survivorStore.summary("app").orElseThrow().totalEvents());
        }
    }

    private static String batch(String idPrefix, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"scenario\":\"app\",\"event\":\"").append(i % 5 == 0 ? "crash" : "ready")
                    .append("\",\"timestamp\":\"2026-01-01T00:00:").append(String.format("%02d", i % 60))
                    .append("Z\",\"event_id\":\"").append(idPrefix).append('-').append(i).append("\"}");
        }
        return b.append(']').toString();
    }

    private void uploadQuietly(URI node, String body) {
        assertEquals(200, calls.upload(node, body).statusCode());
    }
}
