package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A directory that turns read-only under a running store (a file system remounted read-only after
 * an error; tests run as root, so chmod would not stop them): appends fail as unavailable, reads
 * go on, and appends work again, without a restart, once the directory is writable.
 */
class ReadOnlyDirectoryTest {

    private final Path dir = jimfsDir();
    private final FlakyChannel.Disk disk = new FlakyChannel.Disk();

    @Test
    @DisplayName("read-only: appends to known and new scenarios fail whole, reads work, writes recover")
    void readOnlyThenWritable() throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).open()) {
            store.append(List.of(event("app", "app_start", 0), event("app", "ready", 1)));
            disk.readOnly = true;

            StoreUnavailableException known = assertThrows(StoreUnavailableException.class,
                    () -> store.append(List.of(event("app", "crash", 2))));
            StoreUnavailableException fresh = assertThrows(StoreUnavailableException.class,
                    () -> store.append(List.of(event("new-one", "crash", 3))));

            assertEquals("cannot append to scenario 'app': Read-only file system", known.getMessage());
            assertEquals("cannot append to scenario 'new-one': Read-only file system", fresh.getMessage());
            assertFalse(store.health().writable());
            assertEquals(2, store.summary("app").orElseThrow().totalEvents());
            assertEquals(2, store.query(EventQuery.builder("app").build()).events().size());
            assertEquals(2, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());

            disk.readOnly = false;
            store.append(List.of(event("app", "crash", 2), event("new-one", "crash", 3)));

            assertTrue(store.health().writable());
            assertEquals(3, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
            assertEquals(1, assertWholeValidLines(dir.resolve("new-one.jsonl"), "new-one").size());
            assertEquals(3, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("read-only during a rotation: the rotation fails, nothing is lost, and it is retried later")
    void readOnlyDuringRotation() throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk)
                .retention(RetentionPolicy.builder().segmentBytes(1024).build()).open()) {
            for (int i = 0; i < 20; i++) {
                store.append(List.of(event("app", "ready", i)));
            }
            disk.readOnly = true;
            store.runRetention();
            disk.readOnly = false;
            store.runRetention();

            assertEquals(20, SegmentFiles.eventsOnDisk(dir, "app").size());
            assertEquals(20, store.summary("app").orElseThrow().totalEvents());
            store.append(List.of(event("app", "ready", 20)));
            assertEquals(21, SegmentFiles.eventsOnDisk(dir, "app").size());
        }
    }
}
