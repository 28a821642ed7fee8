package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every retry rule against fake servers that misbehave for a while, then store. */
@Timeout(90)
class RetryRulesTest {

    @TempDir
    Path dir;

    private final StoringServer backend = TestServers.storingBackend();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    private Path spool() {
        return dir.resolve("spool.jsonl");
    }

    /**
     * A fake that answers the first {@code times} requests with {@code status}, then stores; the
     * {@code Retry-After} value (none when null) is made as each refusal is sent.
     */
    private FakeServer failingFirst(int times, int status, Supplier<String> retryAfter) {
        return TestServers.fake(exchange -> {
            arrivals.add(System.nanoTime());
            if (requests.incrementAndGet() <= times) {
                if (retryAfter != null) {
                    exchange.getResponseHeaders().put(HttpString.tryFromString("Retry-After"), retryAfter.get());
                }
                FakeServer.answer(exchange, status, "{\"status\":\"error\",\"error\":\"try again later\"}");
            } else {
                backend.handleRequest(exchange);
            }
        });
    }

    private List<String> storedEvents() {
        return backend.events(TestClients.SCENARIO).stream().map(TelemetryEvent::event).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "HTTP {0} twice, then stored")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retryableAnswersAreRetriedUntilTheServerStoresTheBatch(int status) {
        try (FakeServer server = failingFirst(2, status, null);
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).build()) {
            for (int i = 0; i < 5; i++) {
                client.record("e" + i);
            }
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), storedEvents());
            assertEquals(2, client.stats().failedUploads());
            assertEquals(0, client.stats().rejected());
            assertEquals(0, backend.duplicates());
        }
    }

    @ParameterizedTest(name = "HTTP {0} once, then stored: the batch was kept")
    @ValueSource(ints = {400, 401, 403, 404, 415, 422, 501, 505})
    void answersThatDoNotJudgeTheEventsKeepThemForTheNextTry(int status) {
        try (FakeServer server = failingFirst(1, status, null);
             TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
            client.record("kept1");
            client.record("kept2");
            client.record("kept3");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(List.of("kept1", "kept2", "kept3"), storedEvents());
            assertEquals(0, client.stats().rejected());
            assertEquals(1, client.stats().failedUploads());
            assertEquals(2, requests.get());
            assertEquals(0, backend.duplicates());
        }
    }

    @Test
    void retryAfterInSecondsIsWaitedOut() {
        try (FakeServer server = failingFirst(1, 429, () -> "1");
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).build()) {
            client.record("later");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(2, arrivals.size());
            long gap = arrivals.get(1) - arrivals.get(0);
            assertTrue(gap >= Duration.ofMillis(990).toNanos(), "retried after " + gap / 1_000_000 + " ms");
            assertEquals(List.of("later"), storedEvents());
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedOut() {
        // Made when the refusal is sent, so the date is always at least a second after its arrival
        // (made before the server and client started, a slow start-up once left less than that).
        Supplier<String> inTwoSeconds = () -> DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
        try (FakeServer server = failingFirst(1, 503, inTwoSeconds);
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).build()) {
            client.record("later");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            long gap = arrivals.get(1) - arrivals.get(0);
            assertTrue(gap >= Duration.ofMillis(900).toNanos(), "retried after " + gap / 1_000_000 + " ms");
            assertEquals(List.of("later"), storedEvents());
        }
    }

    @Test
    void tooLargeHalvesTheBatchAndASingleEventStillTooLargeIsDropped() {
        try (FakeServer server = TestServers.fake(exchange -> {
            byte[] body = FakeServer.body(exchange);
            int lines = FakeServer.countLines(body);
            batchSizes.add(lines);
            if (lines > 4 || new String(body, StandardCharsets.UTF_8).contains("too_big")) {
                FakeServer.answer(exchange, 413, "{\"status\":\"error\",\"error\":\"body too large\"}");
            } else {
                backend.handle(exchange, body);
            }
        }); TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).maxBatchEvents(20).build()) {
            for (int i = 0; i < 10; i++) {
                client.record("ok" + i);
            }
            client.record("too_big");
            for (int i = 10; i < 20; i++) {
                client.record("ok" + i);
            }
            assertTrue(client.flush(Duration.ofSeconds(30)));

            List<String> stored = storedEvents();
            assertEquals(20, stored.size());
            assertEquals("ok0", stored.get(0));
            assertEquals("ok19", stored.get(19));
            assertEquals(1, client.stats().rejected());
            assertEquals(20, batchSizes.get(0));
            assertEquals(10, batchSizes.get(1));
            assertEquals(5, batchSizes.get(2));
        }
    }

    @Test
    void slowAnswersStillDeliverEverything() {
        try (FakeServer server = TestServers.fake(exchange -> {
            new CountDownLatch(1).await(200, TimeUnit.MILLISECONDS);
            backend.handleRequest(exchange);
        }); TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).maxBatchEvents(10).build()) {
            for (int i = 0; i < 30; i++) {
                client.record("slow", Map.of("n", i));
            }
            assertTrue(client.flush(Duration.ofSeconds(60)));

            assertEquals(30, storedEvents().size());
            assertEquals(0, client.stats().failedUploads());
        }
    }
}
