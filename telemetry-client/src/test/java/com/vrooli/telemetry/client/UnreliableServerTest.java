package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.RealServer;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Servers that hang, reset connections or answer garbage cost the app nothing but counted failures. */
@Timeout(90)
class UnreliableServerTest {

    @TempDir
    Path dir;

    private final StoringServer backend = TestServers.storingBackend();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hung = new AtomicInteger();

    private Path spool() {
        return dir.resolve("spool.jsonl");
    }

    /** Hangs the first {@code count} requests until the server stops; stores the rest. */
    private FakeServer hangingFirst(int count) {
        return TestServers.fake(exchange -> {
            if (hung.incrementAndGet() <= count) {
                release.await();
                return;
            }
            backend.handleRequest(exchange);
        }, release::countDown);
    }

    @Test
    void aRequestThatNeverGetsAnAnswerTimesOutAndIsRetried() {
        try (FakeServer server = hangingFirst(1);
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri())
                     .requestTimeout(Duration.ofMillis(500)).build()) {
            for (int i = 0; i < 5; i++) {
                client.record("e", Map.of("n", i));
            }
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(5, backend.events(TestClients.SCENARIO).size());
            assertTrue(client.stats().failedUploads() >= 1);
        }
    }

    @Test
    void recordKeepsReturningAndTheFileKeepsFillingWhileTheServerHangsAndCloseStillEndsInTime()
            throws IOException {
        try (FakeServer server = hangingFirst(Integer.MAX_VALUE)) {
            TelemetryClient client = TestClients.fast(spool(), server.uploadUri())
                    .requestTimeout(Duration.ofMinutes(5)).build();
            client.record("first");
            Await.until("the upload hangs", () -> hung.get() >= 1);

            int n = 20_000;
            for (int i = 0; i < n; i++) {
                client.record("during_hang", Map.of("n", i));
            }
            Await.until("every event reached the file or was counted as dropped", Await.DEADLINE,
                    () -> client.stats().spooled() + client.stats().dropped(DropReason.QUEUE_FULL) == n + 1,
                    client::stats);
            assertEquals(1, hung.get());

            client.close(Duration.ofMillis(300));

            assertEquals(List.of(), ClientThreads.alive(client));
            assertEquals(client.stats().spooled(), SpoolFiles.eventIds(spool()).size());
            assertEquals(0, client.stats().uploaded());
        }
    }

    @ParameterizedTest(name = "a server that {0}s every connection")
    @EnumSource(RawServer.Mode.class)
    void connectionResetsAndGarbageAnswersAreRetriedAndNothingIsLost(RawServer.Mode mode) throws IOException {
        try (RawServer bad = new RawServer(mode)) {
            TelemetryClient client = TestClients.fast(spool(), bad.uploadUri()).build();
            for (int i = 0; i < 10; i++) {
                client.record("e", Map.of("n", i));
            }
            Await.until("several uploads failed", Await.DEADLINE, () -> client.stats().failedUploads() >= 3,
                    client::stats);
            assertEquals(0, client.stats().rejected());
            client.close();
            assertEquals(List.of(), ClientThreads.alive(client));
        }
        List<String> inFile = SpoolFiles.eventIds(spool());
        assertEquals(10, inFile.size());

        try (RealServer good = TestServers.real();
             TelemetryClient restarted = TestClients.fast(spool(), good.uploadUri()).build()) {
            assertTrue(restarted.flush(Duration.ofSeconds(30)));

            List<String> stored = good.events(TestClients.SCENARIO).stream().map(TelemetryEvent::eventId)
                    .collect(Collectors.toList());
            assertEquals(new HashSet<>(inFile), new HashSet<>(stored));
            assertEquals(10, good.eventsReceived());
        }
    }

    @Test
    void aSuccessAnswerWithAGarbageBodyIsRetriedNotAcknowledged() {
        try (FakeServer server = TestServers.fake(exchange -> FakeServer.answer(exchange, 200, "<html>ok?"));
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri())
                     .closeTimeout(Duration.ofMillis(300)).build()) {
            client.record("a");
            client.record("b");
            Await.until("the answer counted as a failure", Await.DEADLINE,
                    () -> client.stats().failedUploads() >= 2, client::stats);

            assertEquals(0, client.stats().uploaded());
            assertEquals(2, client.stats().pending());
        }
    }
}
