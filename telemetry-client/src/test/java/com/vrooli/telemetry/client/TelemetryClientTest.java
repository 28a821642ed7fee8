package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.StandardEvent;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client on jimfs without an upload address: recording, the file, close, the crash handler. */
@Timeout(60)
class TelemetryClientTest {

    private static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");

    private final FileSystem fs = SpoolFiles.jimfs();
    private final Path spool = fs.getPath("/appdata/telemetry/deployment-telemetry.jsonl");
    private final List<TelemetryClient> clients = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        clients.forEach(TelemetryClient::close);
        fs.close();
    }

    private TelemetryClientBuilder builder() {
        return TelemetryClient.builder().scenario("picker-wheel").spoolFile(spool)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private TelemetryClient client(TelemetryClientBuilder b) {
        TelemetryClient c = b.build();
        clients.add(c);
        return c;
    }

    @Test
    void recordedEventsReachTheFileAsStoredLinesWithAUuidV7EventId() throws IOException {
        TelemetryClient c = client(builder().deploymentId("deploy-123"));

        c.record("app_start", Map.of("version", "1.0.0"));
        c.record("ready");
        assertTrue(c.flush(Duration.ofSeconds(30)));

        List<String> lines = SpoolFiles.text(spool).lines().collect(Collectors.toList());
        assertEquals(2, lines.size());
        String id = SpoolFiles.eventIds(spool).get(0);
        assertEquals("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                + "\"event\":\"app_start\",\"event_id\":\"" + id + "\",\"details\":{\"version\":\"1.0.0\"}}", lines.get(0));
        assertEquals(7, UUID.fromString(id).version());
        assertEquals(NOW.toEpochMilli(), UUID.fromString(id).getMostSignificantBits() >>> 16);
        ClientStats s = c.stats();
        assertEquals(2, s.recorded());
        assertEquals(2, s.spooled());
        assertEquals(0, s.pending());
    }

    @Test
    void everyTypedHelperRecordsItsStandardEventWithTheDocumentedDetailKeys() throws IOException {
        TelemetryClient c = client(builder().appVersion("2.0.0"));

        c.appStart("1.0.0", "win-x64", "desktop");
        c.ready(5000, List.of("api", "ui"));
        c.shutdown("user_quit", 60_000);
        c.crash(new IllegalStateException("boom"));
        c.serviceStarted("api", 1234, 8080);
        c.serviceStopped("api", 0);
        c.serviceCrashed("api", "segfault");
        c.dependencyUnreachable("api", "sqlite", "connection timeout");
        c.migrationStarted("42", "up");
        c.migrationCompleted("42", 1500);
        c.migrationFailed("43", "duplicate column");
        c.secretsGenerated(List.of("jwt"));
        c.secretsPrompted(List.of("api_key"));
        c.secretsMissing(List.of("api_key"));
        c.updateCheckStarted("stable", "1.0.0");
        c.updateAvailable("1.1.0", "stable");
        c.updateDownloaded("1.1.0", 123_456);
        c.updateInstalled("1.1.0", true);
        c.updateError("checksum mismatch", "download");
        c.healthCheckFailed("api", "http", "503");
        c.readinessTimeout("api", 30_000);
        assertTrue(c.flush(Duration.ofSeconds(30)));

        List<TelemetryEvent> events = SpoolFiles.events(spool);
        assertEquals(21, events.size());
        for (TelemetryEvent e : events) {
            StandardEvent standard = StandardEvent.fromWireName(e.event()).orElseThrow();
            assertEquals(Set.copyOf(standard.detailKeys()), e.details().asMap().keySet(), e.event());
        }
        Map<String, Object> crash = events.get(3).details().asMap();
        assertEquals("java.lang.IllegalStateException: boom", crash.get("error"));
        assertTrue(crash.get("stack").toString().contains("TelemetryClientTest"), crash.get("stack").toString());
        assertEquals(List.of("api", "ui"), events.get(1).details().get("services"));
    }

    @Test
    void appStartWithoutAVersionUsesTheBuildersAppVersionAndLeavesOutNulls() throws IOException {
        TelemetryClient c = client(builder().appVersion("3.1.4"));

        c.appStart("linux-x64", null);
        assertTrue(c.flush(Duration.ofSeconds(30)));

        assertEquals(Map.of("version", "3.1.4", "platform", "linux-x64"), SpoolFiles.events(spool).get(0).details().asMap());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "a/b", "../x", "tab\there", "emoji-\uD83D\uDE00",
        "this-event-name-is-far-too-long-to-be-accepted-by-the-rules-of-the-api-x"})
    void aBadEventNameIsCountedAsRejectedAndNeverThrows(String name) throws IOException {
        TelemetryClient c = client(builder());

        c.record(name, Map.of("k", "v"));
        c.record("good");
        assertTrue(c.flush(Duration.ofSeconds(30)));

        assertEquals(1, c.stats().rejected());
        assertEquals(2, c.stats().recorded());
        assertEquals(1, SpoolFiles.eventIds(spool).size());
    }

    static Stream<Arguments> badDetails() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 100; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("d", next);
            cursor = next;
        }
        return Stream.of(
                Arguments.of("a null key", nullKey),
                Arguments.of("a map containing itself", cycle),
                Arguments.of("100 levels of nesting", deep),
                Arguments.of("a line over 64 KiB", Map.of("big", "x".repeat(70_000))));
    }

    @ParameterizedTest(name = "details with {0}")
    @MethodSource("badDetails")
    void detailsThatCannotBeStoredAreCountedAsRejectedAndNeverThrow(String what, Map<String, ?> details)
            throws IOException {
        TelemetryClient c = client(builder());

        c.record("custom_event", details);
        c.record("good", Map.of("odd", new Object[] {1, "two", null, List.of(3.5)}));
        assertTrue(c.flush(Duration.ofSeconds(30)));

        assertEquals(1, c.stats().rejected());
        assertEquals(List.of("good"), SpoolFiles.events(spool).stream().map(TelemetryEvent::event)
                .collect(Collectors.toList()));
    }

    @Test
    void afterCloseRecordIsCountedAsDroppedAndCloseCanBeCalledAgain() {
        TelemetryClient c = client(builder());
        c.record("before");

        c.close();
        c.record("after");
        c.close();

        assertEquals(1, c.stats().spooled());
        assertEquals(1, c.stats().dropped(DropReason.CLOSED));
        assertFalse(c.flush(Duration.ofMillis(10)));
    }

    @Test
    void noThreadOfTheClientSurvivesCloseAndTheyAreDaemons() {
        TelemetryClient c = client(builder());
        List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(c.threadNamePrefix())).collect(Collectors.toList());
        assertFalse(mine.isEmpty());
        mine.forEach(t -> assertTrue(t.isDaemon(), t.getName()));

        c.close();

        assertEquals(List.of(), ClientThreads.alive(c));
    }

    @Test
    void theFileStaysUnderItsCapByDroppingTheOldestEventsAndCountingThem() throws IOException {
        long cap = TelemetryClientBuilder.MIN_SPOOL_BYTES;
        TelemetryClient c = client(builder().maxSpoolBytes(cap));
        int n = 3000;

        for (int i = 0; i < n; i++) {
            c.record("tick", Map.of("n", i, "padding", "p".repeat(100)));
        }
        assertTrue(c.flush(Duration.ofSeconds(30)));

        ClientStats s = c.stats();
        List<TelemetryEvent> kept = SpoolFiles.events(spool);
        assertTrue(Files.size(spool) <= cap, "size " + Files.size(spool));
        assertTrue(s.dropped(DropReason.SPOOL_FULL) > 0);
        assertEquals(n, kept.size() + s.dropped(DropReason.SPOOL_FULL) + s.dropped(DropReason.QUEUE_FULL));
        assertEquals(n - 1, ((Number) kept.get(kept.size() - 1).details().get("n")).intValue());
    }

    @Test
    void theCrashHandlerWritesTheCrashToTheFileBeforePassingItOn() throws Exception {
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        AtomicReference<Throwable> passedOn = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = (t, e) -> passedOn.set(e);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        try {
            TelemetryClient c = client(builder()).installCrashHandler().installCrashHandler();
            Thread dying = new Thread(() -> {
                throw new IllegalStateException("fatal in worker");
            }, "dying-thread");

            dying.start();
            dying.join();

            List<TelemetryEvent> events = SpoolFiles.events(spool);
            assertEquals(1, events.size());
            assertEquals("crash", events.get(0).event());
            assertEquals("java.lang.IllegalStateException: fatal in worker", events.get(0).details().get("error"));
            assertNotNull(passedOn.get());
            c.close();
            assertSame(previous, Thread.getDefaultUncaughtExceptionHandler());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(original);
        }
    }

    @Test
    void eventIdsAreUniqueAcrossManyRecordsFromManyThreads() throws Exception {
        TelemetryClient c = client(builder().clock(Clock.systemUTC()));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    c.record("tick");
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(c.flush(Duration.ofSeconds(30)));

        List<String> ids = SpoolFiles.eventIds(spool);
        assertEquals(4000, ids.size() + c.stats().dropped(DropReason.QUEUE_FULL));
        assertEquals(ids.size(), new HashSet<>(ids).size());
    }

    @Test
    void helpersCopeWithNullAndOddArguments() throws IOException {
        TelemetryClient c = client(builder());
        List<String> withNull = new ArrayList<>();
        withNull.add(null);

        c.crash(null);
        c.ready(1, null);
        c.secretsMissing(withNull);
        c.record("custom", new LinkedHashMap<>());
        assertTrue(c.flush(Duration.ofSeconds(30)));

        assertEquals(4, SpoolFiles.events(spool).size());
        assertNull(SpoolFiles.events(spool).get(1).details().get("services"));
        assertEquals(0, c.stats().rejected());
    }
}
