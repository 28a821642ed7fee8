package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.Await;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answers that do not judge the events (#12 item 8) leave them in the file, where they are retried
 * with backoff and survive a restart, until a server answers for them; a 413 split grows back.
 * The servers are real Undertow servers on port 0 that answer ambiguously until switched to
 * storing.
 */
@Timeout(90)
class AmbiguousAnswersTest {

    /** An answer that says nothing about whether the events were stored. */
    enum Ambiguous {
        UNAUTHORIZED(401, "application/json", "{\"status\":\"error\",\"error\":\"unauthorized\"}"),
        FORBIDDEN(403, "application/json", "{\"status\":\"error\",\"error\":\"forbidden\"}"),
        NOT_FOUND(404, "text/html", "<html><body>Not Found</body></html>"),
        UNAVAILABLE(503, "application/json", "{\"status\":\"error\",\"error\":\"store unavailable\"}"),
        PROXY_BAD_GATEWAY(502, "text/html", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"),
        BAD_REQUEST_ERROR(400, "application/json", "{\"status\":\"error\",\"error\":\"body ends too early\"}"),
        BAD_REQUEST_HTML(400, "text/html", "<html><body>400 Bad Request</body></html>"),
        PORTAL_PAGE(200, "text/html", "<html><body>Welcome to the hotel Wi-Fi</body></html>");

        final int status;
        final String type;
        final String body;

        Ambiguous(int status, String type, String body) {
            this.status = status;
            this.type = type;
            this.body = body;
        }
    }

    @TempDir
    Path dir;

    private final StoringServer backend = TestServers.storingBackend();
    private final AtomicBoolean storing = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    private Path spool() {
        return dir.resolve("spool.jsonl");
    }

    /** Answers {@code answer} until {@link #storing} is set, then stores. */
    private FakeServer answering(Ambiguous answer) {
        return TestServers.fake(exchange -> {
            if (storing.get()) {
                backend.handleRequest(exchange);
            } else {
                refused.incrementAndGet();
                FakeServer.body(exchange);
                exchange.setStatusCode(answer.status);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.type);
                exchange.getResponseSender().send(answer.body, StandardCharsets.UTF_8);
            }
        });
    }

    private List<String> stored() {
        return backend.events(TestClients.SCENARIO).stream().map(TelemetryEvent::event).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}: kept, retried, then stored once")
    @EnumSource(Ambiguous.class)
    void anAnswerThatDoesNotJudgeTheEventsKeepsThemAndTheyAreRetried(Ambiguous answer) {
        try (FakeServer server = answering(answer);
             TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
            client.record("one");
            client.record("two");
            client.record("three");
            assertFalse(client.flush(Duration.ofMillis(1)));
            Await.until("the batch was refused three times", () -> refused.get() >= 3);

            assertEquals(0, client.stats().rejected());
            assertEquals(3, client.stats().pending());
            storing.set(true);
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(List.of("one", "two", "three"), stored());
            assertEquals(0, backend.duplicates());
            assertEquals(0, client.stats().rejected());
            assertTrue(client.stats().failedUploads() >= 3);
        }
    }

    @ParameterizedTest(name = "{0}, close, reopen: the events are still in the file and uploaded once")
    @EnumSource(value = Ambiguous.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "PORTAL_PAGE"})
    void eventsKeptByAnAmbiguousAnswerSurviveARestart(Ambiguous answer) throws IOException {
        try (FakeServer server = answering(answer)) {
            try (TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
                client.record("before_restart_1");
                client.record("before_restart_2");
                client.flush(Duration.ofMillis(1));
                Await.until("the batch was refused", () -> client.stats().failedUploads() >= 1);
            }
            assertEquals(2, SpoolFiles.events(spool()).size());
            assertTrue(stored().isEmpty());

            storing.set(true);
            try (TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
                client.record("after_restart");
                assertTrue(client.flush(Duration.ofSeconds(30)));
                assertEquals(3, client.stats().uploaded());
            }
            assertEquals(List.of("before_restart_1", "before_restart_2", "after_restart"), stored());
            assertEquals(0, backend.duplicates());
        }
    }

    @Test
    void retryAfterOnA401IsWaitedOut() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (FakeServer server = TestServers.fake(exchange -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
                exchange.getResponseHeaders().put(HttpString.tryFromString("Retry-After"), "1");
                FakeServer.answer(exchange, 401, "{\"status\":\"error\",\"error\":\"unauthorized\"}");
            } else {
                backend.handleRequest(exchange);
            }
        }); TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).build()) {
            client.record("later");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            long gap = arrivals.get(1) - arrivals.get(0);
            assertTrue(gap >= Duration.ofMillis(990).toNanos(), "retried after " + gap / 1_000_000 + " ms");
            assertEquals(List.of("later"), stored());
        }
    }

    @Test
    void aProxys413ToOneEventKeepsItWhileOurServers413DropsIt() {
        AtomicInteger proxyRefusals = new AtomicInteger();
        try (FakeServer server = TestServers.fake(exchange -> {
            byte[] body = FakeServer.body(exchange);
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains("too_big_for_us")) {
                FakeServer.answer(exchange, 413, "{\"status\":\"error\",\"error\":\"event too large\"}");
            } else if (!storing.get()) {
                proxyRefusals.incrementAndGet();
                exchange.setStatusCode(413);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html");
                exchange.getResponseSender().send("<html><body>413 Request Entity Too Large</body></html>");
            } else {
                backend.handle(exchange, body);
            }
        }); TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
            client.record("kept_by_proxy_413");
            assertFalse(client.flush(Duration.ofMillis(1)));
            Await.until("the proxy refused the event twice", () -> proxyRefusals.get() >= 2);
            assertEquals(0, client.stats().rejected());
            assertEquals(1, client.stats().pending());

            storing.set(true);
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals(List.of("kept_by_proxy_413"), stored());

            client.record("too_big_for_us");
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals(1, client.stats().rejected(), "our server's 413 to one event drops it");
            assertEquals(0, client.stats().pending());
        }
    }

    @Test
    void afterA413SplitTheBatchSizeGrowsBackOnceBatchesGoThrough() {
        AtomicBoolean limited = new AtomicBoolean(true);
        try (FakeServer server = TestServers.fake(exchange -> {
            byte[] body = FakeServer.body(exchange);
            int lines = FakeServer.countLines(body);
            batchSizes.add(lines);
            if (limited.get() && lines > 5) {
                FakeServer.answer(exchange, 413, "{\"status\":\"error\",\"error\":\"body too large\"}");
            } else {
                backend.handle(exchange, body);
            }
        }); TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).maxBatchEvents(20).build()) {
            record(client, 20);
            assertTrue(client.flush(Duration.ofSeconds(30)));
            assertEquals(List.of(20, 10, 5, 5, 5, 5), batchSizes);

            limited.set(false);
            batchSizes.clear();
            record(client, 200);
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(220, stored().size());
            assertEquals(0, client.stats().rejected());
            // 8 full batches at a size before it doubles (4 of the 5s went before): 5 -> 10 -> 20, the maximum.
            List<Integer> expected = new ArrayList<>(Collections.nCopies(4, 5));
            expected.addAll(Collections.nCopies(8, 10));
            expected.addAll(Collections.nCopies(5, 20));
            assertEquals(expected, batchSizes);
        }
    }

    private static void record(TelemetryClient client, int n) {
        for (int i = 0; i < n; i++) {
            client.record("e" + i);
        }
    }
}
