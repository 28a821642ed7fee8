package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryLock;
import com.vrooli.telemetry.store.jsonl.snapshot.SnapshotFile;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When snapshots are written, where, and what a restart from one keeps: the de-duplication window above all. */
class JsonlSnapshotLifecycleTest {

    private final Path dir = jimfsDir();

    private JsonlStoreBuilder builder() {
        return JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER);
    }

    private static List<TelemetryEvent> withIds(String scenario, int from, int to) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(event(scenario, i % 4 == 0 ? "crash" : "ready", i, scenario + "-" + i));
        }
        return out;
    }

    @Test
    @DisplayName("retried events are still duplicates after a restart from a snapshot, lines after it included")
    void dedupAcrossSnapshotRestart() throws IOException {
        try (JsonlTelemetryStore store = builder().open()) {
            store.append(withIds("app", 0, 500));
        }
        // Lines the snapshot does not cover, as after a crash.
        for (TelemetryEvent e : withIds("app", 500, 520)) {
            Files.write(dir.resolve("app.jsonl"), EventLineCodec.encode(e), StandardOpenOption.APPEND);
        }

        try (JsonlTelemetryStore store = builder().open()) {
            assertEquals(1, store.stats().scenariosRestored());
            AppendResult retry = store.append(withIds("app", 0, 520));
            assertEquals(520, retry.duplicates());
            assertEquals(0, retry.stored());
            assertEquals(520, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("after a restart from a snapshot the window keeps each scenario's newest ids, like a rebuild")
    void smallWindowKeepsTheNewestIds() {
        try (JsonlTelemetryStore store = builder().dedupWindow(10).open()) {
            store.append(withIds("a", 0, 30));
            store.append(withIds("b", 0, 30));
        }

        try (JsonlTelemetryStore store = builder().dedupWindow(10).open()) {
            assertEquals(2, store.stats().scenariosRestored());
            assertEquals(10, store.stats().dedupIds());
            assertEquals(5, store.append(withIds("a", 25, 30)).duplicates(), "newest 5 of a");
            assertEquals(1, store.append(withIds("b", 24, 25)).stored(), "older ids are forgotten (documented)");
        }
    }

    @Test
    @DisplayName("snapshots live in a dot-directory that nothing takes for a scenario, and read-only stores use them")
    void snapshotDirectoryIsNotAScenario() throws IOException {
        try (JsonlTelemetryStore store = builder().open()) {
            store.append(withIds("app", 0, 50));
        }
        assertTrue(Files.isRegularFile(dir.resolve(".snapshots").resolve("summaries.snap")));
        byte[] before = Files.readAllBytes(SnapshotFile.of(dir));

        try (JsonlTelemetryStore reader = builder().readOnly(true).open()) {
            assertEquals(1, reader.stats().scenarios());
            assertEquals(1, reader.stats().scenariosRestored());
            assertEquals(List.of("app"), reader.summaries().stream().map(s -> s.scenario()).toList());
        }
        try (JsonlTelemetryStore store = builder().open()) {
            assertEquals(1, store.summaries().size());
        }
        assertArrayEquals(before, Files.readAllBytes(SnapshotFile.of(dir)), "nothing changed, nothing rewritten");
        assertEquals(List.of(SnapshotFile.DIRECTORY, DirectoryLock.FILE_NAME, "app.jsonl"), listing());
    }

    private List<String> listing() throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("a close that changed nothing writes no snapshot")
    void idleCloseWritesNothing() {
        try (JsonlTelemetryStore store = builder().open()) {
            store.append(withIds("app", 0, 5));
        }
        JsonlTelemetryStore store = builder().open();
        store.summaries();
        store.close();
        assertEquals(0, store.stats().snapshotsWritten());
    }

    @Test
    @DisplayName("a snapshot is written in the background once enough bytes were appended, without a close")
    void backgroundSnapshotAfterBytes() throws IOException {
        try (JsonlTelemetryStore store = builder().snapshotAfterBytes(4096).open()) {
            store.append(withIds("app", 0, 100));
            Await.until("a background snapshot was written", () -> store.stats().snapshotsWritten() >= 1);
            assertTrue(Files.isRegularFile(SnapshotFile.of(dir)));
        }
    }

    @Test
    @DisplayName("a snapshot is written in the background every interval when anything changed")
    void backgroundSnapshotEveryInterval() {
        try (JsonlTelemetryStore store = builder().snapshotInterval(Duration.ofMillis(20)).open()) {
            store.append(withIds("app", 0, 3));
            Await.until("a periodic snapshot was written", () -> store.stats().snapshotsWritten() >= 1);
        }
        try (JsonlTelemetryStore store = builder().open()) {
            assertEquals(1, store.stats().scenariosRestored());
            assertEquals(3, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("a snapshot that cannot be written is counted; the close still succeeds and the next open rebuilds")
    void snapshotWriteFailureIsNotFatal() throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(SnapshotFile.DIRECTORY), "in the way".getBytes(StandardCharsets.UTF_8));
        JsonlTelemetryStore store = builder().open();
        store.append(withIds("app", 0, 5));
        store.close();
        assertEquals(1, store.stats().snapshotFailures());

        try (JsonlTelemetryStore again = builder().open()) {
            assertEquals(1, again.stats().scenariosRebuilt());
            assertEquals(5, again.summary("app").orElseThrow().totalEvents());
        }
        assertEquals("in the way", text(Files.readAllBytes(dir.resolve(SnapshotFile.DIRECTORY))));
    }

    @Test
    @DisplayName("snapshot settings are validated; disabled snapshots are neither read nor written")
    void settings() {
        assertThrows(IllegalArgumentException.class, () -> builder().snapshotInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder().snapshotAfterBytes(0));
        try (JsonlTelemetryStore store = builder().snapshots(false).open()) {
            store.append(withIds("app", 0, 5));
        }
        assertFalse(Files.exists(dir.resolve(SnapshotFile.DIRECTORY)));
    }
}
