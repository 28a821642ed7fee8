package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upload address that is not a telemetry server (garbage bytes, a 200 that is not the server's
 * answer, silence, resets) costs the app nothing but counted failures: {@code record} keeps
 * returning, nothing is thrown into the app, {@code flush} and {@code close} return within their
 * deadlines, no client thread outlives {@code close}, and every event stays in the spool file
 * until a real telemetry server stores each exactly once.
 */
@Timeout(120)
class HostileServerTest {

    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    private final Queue<String> uncaught = new ConcurrentLinkedQueue<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void catchWhatEscapes() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
    }

    @AfterEach
    void restoreHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    private Path spool() {
        return dir.resolve("app/telemetry/deployment-telemetry.jsonl");
    }

    @ParameterizedTest(name = "a server that {0}")
    @EnumSource(MisbehavingServer.Behaviour.class)
    @DisplayName("a server that is not a telemetry server costs only counted failures; a real one then stores each event once")
    void aServerThatIsNotATelemetryServerCostsOnlyCountedFailures(MisbehavingServer.Behaviour behaviour)
            throws IOException {
        try (MisbehavingServer bad = new MisbehavingServer(behaviour)) {
            TelemetryClient client = TestClients.fast(spool(), bad.uploadUri())
                    .requestTimeout(Duration.ofMillis(300))
                    .closeTimeout(Duration.ofMillis(500))
                    .build();
            client.record("first");
            Await.until("the first upload reached the server", () -> bad.connections() >= 1);
            for (int i = 1; i < EVENTS; i++) {
                client.record("while_the_server_misbehaves", Map.of("n", i));
            }
            Await.until("several uploads failed", Await.DEADLINE, () -> client.stats().failedUploads() >= 3,
                    client::stats);

            assertFalse(client.flush(Duration.ofMillis(200)), "nothing can have been delivered");
            ClientStats stats = client.stats();
            assertEquals(EVENTS, stats.recorded());
            assertEquals(0, stats.uploaded(), stats.toString());
            assertEquals(0, stats.rejected(), stats.toString());
            assertEquals(0, stats.droppedTotal(), stats.toString());
            client.close();
            assertEquals(List.of(), ClientThreads.alive(client));
        }
        List<String> inFile = SpoolFiles.eventIds(spool());
        assertEquals(EVENTS, inFile.size(), "every event stays in the spool file");

        List<String> stored = deliverToARealServer();
        assertEquals(EVENTS, stored.size(), "each event stored once");
        assertEquals(new HashSet<>(inFile), new HashSet<>(stored));
        assertEquals(List.of(), List.copyOf(uncaught), "exceptions escaped into the app's threads");
    }

    /** Restarts the client on the same spool against the real server; returns the stored event ids. */
    private List<String> deliverToARealServer() throws IOException {
        Path serverDir = dir.resolve("server");
        try (TelemetryStore store = JsonlTelemetryStore.builder(serverDir).open();
             TelemetryServer server = TelemetryServer.builder(store).port(0).build().start();
             TelemetryClient restarted = TestClients.fast(spool(),
                     server.uri().resolve(FakeServer.UPLOAD_PATH)).build()) {
            assertTrue(restarted.flush(Duration.ofSeconds(30)), restarted.stats().toString());
            assertEquals(EVENTS, restarted.stats().uploaded(), restarted.stats().toString());
            assertEquals(0, restarted.stats().duplicates(), restarted.stats().toString());
        }
        return SpoolFiles.eventIds(serverDir.resolve(TestClients.SCENARIO + ".jsonl"));
    }
}
