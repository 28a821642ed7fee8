package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.read.LineScanner;
import com.vrooli.telemetry.testing.StoredEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Query behaviour specific to streaming files: bounded backward reads, long lines, stale cursors. */
class JsonlQueryTest {

    private final Path dir = jimfsDir();

    @Test
    @DisplayName("the newest errors are found by reading backwards from the end, not the whole file")
    void newestFirstReadsOnlyTheTail() {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).open()) {
            List<TelemetryEvent> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(event("big", i % 10 == 0 ? "crash" : "ready", i));
            }
            store.append(batch);
            long fileSize = store.stats().bytesWritten();

            EventPage page = store.query(EventQuery.builder("big").minLevel(EventLevel.ERROR).limit(100).build());

            assertEquals(100, page.events().size());
            assertEquals(event("big", "crash", 19_990), page.events().get(0));
            long scanned = store.stats().bytesScanned();
            assertTrue(scanned < fileSize / 5, "read " + scanned + " of " + fileSize + " bytes");
        }
    }

    @Test
    @DisplayName("the newest 100 errors cost the same few reads whatever the file's size; a filter matching nothing reads it all")
    void newestErrorsReadABoundedTail() {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER).open()) {
            for (int round = 0; round < 10; round++) {
                List<TelemetryEvent> batch = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    int second = round * 10_000 + i;
                    batch.add(event("big", second % 4 == 0 ? "migration_failed" : "ready", second, "id-" + second));
                }
                store.append(batch);
            }
            long fileSize = store.stats().bytesWritten();

            EventPage errors = store.query(EventQuery.builder("big").minLevel(EventLevel.ERROR).limit(100).build());
            long tail = store.stats().bytesScanned();
            assertEquals(100, errors.events().size());
            assertEquals(event("big", "migration_failed", 99_996, "id-99996"), errors.events().get(0));
            assertTrue(tail <= 3 * LineScanner.CHUNK, "read " + tail + " of " + fileSize + " bytes");

            EventPage none = store.query(EventQuery.builder("big").eventTypes(java.util.Set.of("crash"))
                    .order(EventQuery.Order.OLDEST_FIRST).build());
            assertEquals(List.of(), none.events());
            assertEquals(fileSize, store.stats().bytesScanned() - tail, "a scan that finds nothing reads everything once");
        }
    }

    @Test
    @DisplayName("lines longer than the read chunk are read whole in both directions")
    void longLines() {
        String big = "x".repeat(150_000);
        List<TelemetryEvent> events = List.of(event("app", "app_start", 0),
                TelemetryEvent.of(StoreTestSupport.T0.plusSeconds(1), "app", "crash", Map.of("stack", big)),
                event("app", "ready", 2),
                TelemetryEvent.of(StoreTestSupport.T0.plusSeconds(3), "app", "note", Map.of("text", big + "y")));
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(events);

            List<TelemetryEvent> reversed = new ArrayList<>(events);
            Collections.reverse(reversed);
            assertEquals(events, StoredEvents.all(store, EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST)
                    .limit(1).build()));
            assertEquals(reversed, StoredEvents.all(store, EventQuery.builder("app").limit(1).build()));
        }
    }

    @Test
    @DisplayName("a cursor of another scenario's file is refused")
    void cursorOfAnotherScenario() {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("one", "a", 0), event("one", "b", 1), event("one", "c", 2),
                    event("two", "a", 0), event("two", "b", 1), event("two", "c", 2)));
            String cursor = store.query(EventQuery.builder("one").limit(1).build()).nextCursor();

            assertThrows(InvalidQueryException.class,
                    () -> store.query(EventQuery.builder("two").limit(1).cursor(cursor).build()));
            assertThrows(InvalidQueryException.class,
                    () -> store.query(EventQuery.builder("nobody").limit(1).cursor(cursor).build()));
        }
    }

    @Test
    @DisplayName("a cursor issued before the file was replaced is refused after a reopen")
    void cursorOfAReplacedFile() throws IOException {
        String cursor;
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "a", 0), event("app", "b", 1), event("app", "c", 2)));
            cursor = store.query(EventQuery.builder("app").limit(1).build()).nextCursor();
        }
        Files.delete(dir.resolve("app.jsonl"));
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "other", 5), event("app", "b", 6), event("app", "c", 7)));

            assertThrows(InvalidQueryException.class,
                    () -> store.query(EventQuery.builder("app").limit(1).cursor(cursor).build()));
        }
    }

    @Test
    @DisplayName("a cursor stays valid across a restart of the same file")
    void cursorSurvivesReopen() {
        String cursor;
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(event("app", "a", 0), event("app", "b", 1), event("app", "c", 2)));
            cursor = store.query(EventQuery.builder("app").limit(2).build()).nextCursor();
        }
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            EventPage rest = store.query(EventQuery.builder("app").limit(2).cursor(cursor).build());

            assertEquals(List.of(event("app", "a", 0)), rest.events());
            assertNull(rest.nextCursor());
        }
    }
}
