package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.RetentionTest.numbered;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.retention.SegmentCompressor;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rotation is crash-safe and concurrent-safe: each state a crash can leave on disk reopens with
 * every event exactly once, appends racing rotations lose and double nothing, and segment names
 * never belong to two scenarios.
 */
class RetentionSafetyTest {

    private final Path dir = jimfsDir();

    private static List<TelemetryEvent> range(int from, int to) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(numbered("app", n));
        }
        return out;
    }

    private static void writeLines(Path file, List<TelemetryEvent> events) throws IOException {
        StringBuilder b = new StringBuilder();
        for (TelemetryEvent e : events) {
            b.append(new String(com.vrooli.telemetry.core.EventLineCodec.encode(e), StandardCharsets.UTF_8));
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** Creates the files of a store that rotated {@code app} once: segment 1 with events 0-9, live 10-14. */
    private void rotatedOnce(boolean liveFile) throws IOException {
        Files.createDirectories(dir);
        writeLines(dir.resolve("app.jsonl.1"), range(0, 10));
        if (liveFile) {
            writeLines(dir.resolve("app.jsonl"), range(10, 15));
        }
    }

    private void assertExactlyOnce(JsonlTelemetryStore store, List<TelemetryEvent> expected) throws IOException {
        assertEquals(expected, SegmentFiles.eventsOnDisk(dir, "app"));
        assertEquals(expected.size(), store.summary("app").orElseThrow().totalEvents());
        List<TelemetryEvent> queried = new ArrayList<>();
        String cursor = null;
        do {
            EventPage page = store.query(EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST).limit(4)
                    .cursor(cursor).build());
            queried.addAll(page.events());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(expected, queried);
    }

    @Test
    @DisplayName("crash after the rename, before the empty live file: reopens with every event once")
    void crashAfterRename() throws IOException {
        rotatedOnce(false);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertExactlyOnce(store, range(0, 10));
            assertEquals(0, store.append(range(5, 10)).stored(), "ids in the segment are remembered");
            store.append(range(10, 12));
            assertExactlyOnce(store, range(0, 12));
        }
    }

    @Test
    @DisplayName("crash while compressing: the unfinished .gz.tmp is deleted, the plain segment counts once")
    void crashWhileCompressing() throws IOException {
        rotatedOnce(true);
        Files.write(dir.resolve("app.jsonl.1.gz.tmp"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).retention(RetentionPolicy.builder()
                .segmentBytes(1 << 20).gzipSegments(true).build()).open()) {
            assertEquals(List.of("app.jsonl", "app.jsonl.1"), SegmentFiles.names(dir));
            assertExactlyOnce(store, range(0, 15));

            store.runRetention();

            assertEquals(List.of("app.jsonl", "app.jsonl.1.gz"), SegmentFiles.names(dir));
            assertExactlyOnce(store, range(0, 15));
        }
    }

    @Test
    @DisplayName("crash between writing the .gz and deleting the plain segment: one copy is kept, counted once")
    void crashAfterCompressing() throws IOException {
        rotatedOnce(true);
        Segment plain = new Segment(new SegmentName("app", 1, false), dir.resolve("app.jsonl.1"),
                Files.size(dir.resolve("app.jsonl.1")), StoreTestSupport.T0);
        SegmentCompressor.compress(plain);
        assertEquals(List.of("app.jsonl", "app.jsonl.1", "app.jsonl.1.gz"), SegmentFiles.names(dir));

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(List.of("app.jsonl", "app.jsonl.1"), SegmentFiles.names(dir));
            assertExactlyOnce(store, range(0, 15));
        }
    }

    @Test
    @DisplayName("a read-only reader never deletes crash leftovers and counts each segment once")
    void readerLeavesLeftovers() throws IOException {
        rotatedOnce(true);
        Segment plain = new Segment(new SegmentName("app", 1, false), dir.resolve("app.jsonl.1"),
                Files.size(dir.resolve("app.jsonl.1")), StoreTestSupport.T0);
        SegmentCompressor.compress(plain);
        try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
            assertEquals(15, reader.summary("app").orElseThrow().totalEvents());
        }
        assertEquals(List.of("app.jsonl", "app.jsonl.1", "app.jsonl.1.gz"), SegmentFiles.names(dir));
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("appends and queries racing rotations: every acknowledged event stored exactly once")
    void appendsDuringRotation(boolean gzip, @TempDir Path tmp) throws Exception {
        Path real = tmp.resolve("telemetry");
        int writers = 3;
        int batches = 60;
        ConcurrentLinkedQueue<TelemetryEvent> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(real).retention(RetentionPolicy.builder()
                .segmentBytes(4096).gzipSegments(gzip).build()).open()) {
            CountDownLatch done = new CountDownLatch(writers);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                new Thread(() -> {
                    try {
                        for (int b = 0; b < batches; b++) {
                            List<TelemetryEvent> batch = new ArrayList<>();
                            for (int i = 0; i < 5; i++) {
                                batch.add(numbered("app", (writer * batches + b) * 5 + i));
                            }
                            assertEquals(5, store.append(batch).stored());
                            acknowledged.addAll(batch);
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.countDown();
                    }
                }, "writer-" + w).start();
            }
            while (done.getCount() > 0) {
                store.runRetention();
                EventPage page = store.query(EventQuery.builder("app").limit(20).build());
                assertTrue(page.events().size() <= 20);
            }
            store.runRetention();
            assertNull(failure.get());
            assertTrue(store.retentionStats().rotations() > 3, store.retentionStats().toString());
            assertNull(store.retentionStats().lastFailure());

            List<TelemetryEvent> onDisk = SegmentFiles.eventsOnDisk(real, "app");
            assertEquals(writers * batches * 5, onDisk.size());
            assertEquals(new HashSet<>(acknowledged), new HashSet<>(onDisk));
            assertEquals(onDisk.size(), store.summary("app").orElseThrow().totalEvents());
            List<TelemetryEvent> queried = new ArrayList<>();
            String cursor = null;
            do {
                EventPage page = store.query(EventQuery.builder("app").limit(77).cursor(cursor).build());
                queried.addAll(page.events());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertEquals(onDisk.size(), queried.size());
            assertEquals(new HashSet<>(onDisk), new HashSet<>(queried));
        }
    }

    @Test
    @DisplayName("a scenario whose name looks like another's segment keeps its own files")
    void lookalikeScenarioNames() throws IOException {
        RetentionPolicy policy = RetentionPolicy.builder().segmentBytes(1024).build();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).retention(policy).open()) {
            for (String scenario : List.of("app", "app.jsonl.1", "app.jsonl", "app.1")) {
                List<TelemetryEvent> batch = new ArrayList<>();
                for (int n = 0; n < 20; n++) {
                    batch.add(numbered(scenario, n));
                }
                store.append(batch);
            }
            store.runRetention();
        }
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            Set<String> scenarios = store.summaries().stream().map(s -> s.scenario()).collect(Collectors.toSet());
            assertEquals(Set.of("app", "app.jsonl.1", "app.jsonl", "app.1"), scenarios);
            for (String scenario : scenarios) {
                assertEquals(20, store.summary(scenario).orElseThrow().totalEvents(), scenario);
                assertEquals(20, SegmentFiles.eventsOnDisk(dir, scenario).size(), scenario);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"app.jsonl", "app.jsonl.0", "app.jsonl.01", "app.jsonl.-1", "app.jsonl.x", "app.jsonl.1.gz.tmp",
        "app.jsonl.corrupt", ".jsonl.1", "..jsonl.1", "app.jsonl.1.GZ", "app.jsonl.1234567890123456789", "app.1"})
    @DisplayName("names that are not segments are not parsed as segments")
    void notSegments(String name) {
        assertNull(SegmentName.parse(name));
    }

    @Test
    @DisplayName("segment names round-trip and name exactly one scenario")
    void segmentNames() {
        assertEquals(new SegmentName("app", 2, true), SegmentName.parse("app.jsonl.2.gz"));
        assertEquals(new SegmentName("app.jsonl.3", 12, false), SegmentName.parse("app.jsonl.3.jsonl.12"));
        assertEquals("a.b.jsonl.7.gz", new SegmentName("a.b", 7, true).fileName());
        assertTrue(SegmentName.isTempGzip("app.jsonl.2.gz.tmp"));
        assertThrows(IllegalArgumentException.class, () -> new SegmentName("../x", 1, false));
    }

    @Test
    @DisplayName("the policy derives its segment size and age from the limits and refuses nonsense")
    void policy() {
        RetentionPolicy p = RetentionPolicy.builder().maxBytes(80 << 20).maxAge(Duration.ofDays(8)).build();
        assertEquals(10 << 20, p.segmentBytes());
        assertEquals(Duration.ofDays(1), p.segmentAge());
        assertEquals(RetentionPolicy.DEFAULT_SEGMENT_BYTES, RetentionPolicy.builder().maxAge(Duration.ofDays(1)).build()
                .segmentBytes());
        assertEquals(4096, RetentionPolicy.builder().maxBytes(4096).build().segmentBytes() * 4);
        assertEquals(RetentionPolicy.none(), RetentionPolicy.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder().maxBytes(100));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder().maxAge(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder().maxBytes(4096)
                .segmentBytes(8192).build());
        assertEquals("gzipSegments needs rotation: set maxBytes, maxAge, segmentBytes or segmentAge",
                assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder().gzipSegments(true).build())
                        .getMessage());
    }
}
