package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.RealServer;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads to the real server over the JSONL store: delivery, exactly once, resume, per-event errors. */
@Timeout(90)
class UploadTest {

    @TempDir
    Path dir;

    private Path spool() {
        return dir.resolve("telemetry/deployment-telemetry.jsonl");
    }

    private static List<String> ids(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::eventId).sorted().collect(Collectors.toList());
    }

    @Test
    void everythingRecordedIsStoredOnceAndARestartNeverResendsAcknowledgedEvents() throws IOException {
        try (RealServer server = TestServers.real()) {
            try (TelemetryClient first = TestClients.fast(spool(), server.uploadUri()).deploymentId("deploy-123").build()) {
                for (int i = 0; i < 20; i++) {
                    first.record("tick", Map.of("n", i));
                }
                assertTrue(first.flush(Duration.ofSeconds(30)));
                ClientStats s = first.stats();
                assertEquals(20, s.uploaded());
                assertEquals(0, s.pending());
                assertEquals(0, s.failedUploads());
            }
            try (TelemetryClient second = TestClients.fast(spool(), server.uploadUri()).build()) {
                second.record("ready");
                assertTrue(second.flush(Duration.ofSeconds(30)));
            }

            List<TelemetryEvent> stored = server.events(TestClients.SCENARIO);
            assertEquals(21, stored.size());
            assertEquals(ids(SpoolFiles.events(spool())), ids(stored));
            assertEquals(21, server.eventsReceived());
            assertEquals(0, server.duplicates());
            assertEquals("deploy-123", stored.get(0).deploymentId());
        }
    }

    @Test
    void eventsRecordedWhileTheServerIsDownAreAllDeliveredOnceItComesUp() throws IOException {
        int port;
        try (ServerSocket reserve = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserve.getLocalPort();
        }
        try (TelemetryClient client = TestClients.fast(spool(), FakeServer.uploadUri(port)).build()) {
            for (int i = 0; i < 10; i++) {
                client.record("offline", Map.of("n", i));
            }
            Await.until("uploads fail while nothing listens", () -> client.stats().failedUploads() >= 2);
            assertEquals(10, client.stats().pending());

            try (RealServer server = TestServers.realOn(port)) {
                assertTrue(client.flush(Duration.ofSeconds(30)));

                assertEquals(ids(SpoolFiles.events(spool())), ids(server.events(TestClients.SCENARIO)));
                assertEquals(10, server.eventsReceived());
                assertEquals(10, client.stats().uploaded());
                assertEquals(0, client.stats().pending());
            }
        }
    }

    @Test
    void aLargeBacklogGoesInBatchesOfTheConfiguredSize() {
        try (RealServer server = TestServers.real();
             TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).maxBatchEvents(50).build()) {
            for (int i = 0; i < 500; i++) {
                client.record("tick", Map.of("n", i));
            }
            assertTrue(client.flush(Duration.ofSeconds(60)));

            assertEquals(500, server.events(TestClients.SCENARIO).size());
            assertTrue(server.requests() >= 10, "requests " + server.requests());
            assertEquals(500, client.stats().uploaded());
        }
    }

    @Test
    void eventsTheServerRefusesOneByOneAreCountedAsRejectedAndTheOthersStored() {
        try (RealServer server = TestServers.real(1024);
             TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
            client.record("small", Map.of("n", 1));
            client.record("big", Map.of("blob", "x".repeat(2000)));
            client.record("small", Map.of("n", 2));
            client.record("big", Map.of("blob", "y".repeat(2000)));
            client.record("small", Map.of("n", 3));
            assertTrue(client.flush(Duration.ofSeconds(30)));

            ClientStats s = client.stats();
            assertEquals(3, s.uploaded());
            assertEquals(2, s.rejected());
            assertEquals(1, server.requests());
            assertEquals(List.of("small", "small", "small"), server.events(TestClients.SCENARIO).stream()
                    .map(TelemetryEvent::event).collect(Collectors.toList()));
        }
    }

    @Test
    void aBatchTheServerRefusesEntirelyIsCountedAndNotSentAgain() {
        try (RealServer server = TestServers.real(1024);
             TelemetryClient client = TestClients.onFlushOnly(spool(), server.uploadUri()).build()) {
            client.record("big", Map.of("blob", "x".repeat(2000)));
            client.record("big", Map.of("blob", "y".repeat(2000)));
            assertTrue(client.flush(Duration.ofSeconds(30)));
            client.record("small");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(2, client.stats().rejected());
            assertEquals(1, client.stats().uploaded());
            assertEquals(2, server.requests());
        }
    }

    @Test
    void eventIdsStoredOnTheServerAreTheOnesInTheFileAndItsLinesAreTheClientsLines() throws IOException {
        try (RealServer server = TestServers.real();
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).build()) {
            client.appStart("1.0.0", "linux-x64", "desktop");
            client.ready(1200, List.of("api"));
            client.dependencyUnreachable("api", "sqlite", "connection timeout");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            List<String> fileIds = SpoolFiles.eventIds(spool());
            assertEquals(new HashSet<>(fileIds), new HashSet<>(ids(server.events(TestClients.SCENARIO))));
            assertEquals(3, fileIds.size());
            // The spool is in the stored line format, so the server's file holds the same lines.
            assertEquals(Files.readAllLines(spool(), StandardCharsets.UTF_8),
                    Files.readAllLines(server.dir().resolve(TestClients.SCENARIO + ".jsonl"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSmallFileIsCompactedAsTheServerAcknowledgesAndNothingIsDropped() throws IOException {
        long cap = TelemetryClientBuilder.MIN_SPOOL_BYTES;
        try (RealServer server = TestServers.real();
             TelemetryClient client = TestClients.fast(spool(), server.uploadUri()).maxSpoolBytes(cap).build()) {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 500; i++) {
                    client.record("tick", Map.of("round", round, "n", i, "padding", "p".repeat(150)));
                }
                assertTrue(client.flush(Duration.ofSeconds(60)));
                assertTrue(Files.size(spool()) <= cap, "size " + Files.size(spool()));
            }

            assertEquals(5000, server.events(TestClients.SCENARIO).size());
            assertEquals(0, server.duplicates());
            assertEquals(0, client.stats().droppedTotal());
            assertEquals(5000, client.stats().uploaded());
        }
    }
}
