package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per directory, any number of read-only readers beside it (on the real disk). */
class JsonlLockAndReadOnlyTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a second writing store on the same directory fails with StoreLockedException")
    void secondWriterIsLockedOut() {
        Path dir = tmp.resolve("telemetry");
        try (JsonlTelemetryStore first = JsonlTelemetryStore.builder(dir).open()) {
            StoreLockedException e = assertThrows(StoreLockedException.class,
                    () -> JsonlTelemetryStore.builder(dir).open());

            assertTrue(e.getMessage().contains("telemetry directory 'telemetry' is in use by another store"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(tmp.toString()), "no absolute path: " + e.getMessage());
            assertTrue(first.health().writable(), "the first store is unaffected");
        }
        JsonlTelemetryStore.builder(dir).open().close();
    }

    @Test
    @DisplayName("a read-only store opens beside the writer and sees its data, also what it appends later")
    void readOnlyBesideTheWriter() {
        Path dir = tmp.resolve("telemetry");
        try (JsonlTelemetryStore writer = JsonlTelemetryStore.builder(dir).open()) {
            writer.append(List.of(event("app", "app_start", 0), event("app", "crash", 1)));

            try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
                assertEquals(writer.summaries(), reader.summaries());
                assertFalse(reader.health().writable());
                assertThrows(StoreUnavailableException.class,
                        () -> reader.append(List.of(event("app", "ready", 2))));

                writer.append(List.of(event("app", "ready", 2), event("new-one", "crash", 3)));

                assertEquals(writer.summaries(), reader.summaries());
                assertEquals(writer.query(EventQuery.builder("new-one").build()),
                        reader.query(EventQuery.builder("new-one").build()));
                assertEquals(3, reader.query(EventQuery.builder("app").build()).events().size());
            }
        }
    }

    @Test
    @DisplayName("a read-only store sees whole lines only and never changes a byte")
    void readOnlyIgnoresALineBeingWritten() throws IOException {
        Path dir = tmp.resolve("telemetry");
        try (JsonlTelemetryStore writer = JsonlTelemetryStore.builder(dir).open()) {
            writer.append(List.of(event("app", "app_start", 0)));
        }
        Path file = dir.resolve("app.jsonl");
        Files.write(file, "{\"ts\":\"2025-01-15T12:00:01Z\",\"scen".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);

        try (JsonlTelemetryStore reader = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
            List<TelemetryEvent> newest = reader.query(EventQuery.builder("app").build()).events();
            List<TelemetryEvent> oldest = reader.query(EventQuery.builder("app")
                    .order(EventQuery.Order.OLDEST_FIRST).build()).events();

            assertEquals(List.of(event("app", "app_start", 0)), newest);
            assertEquals(newest, oldest);
            assertEquals(1, reader.summary("app").orElseThrow().totalEvents());
            assertEquals(0, reader.stats().tornTailsRecovered());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("app.jsonl.corrupt")));
    }

    @Test
    @DisplayName("read-only needs an existing directory and does not create one")
    void readOnlyDoesNotCreateTheDirectory() {
        Path dir = tmp.resolve("missing");

        assertThrows(StoreUnavailableException.class, () -> JsonlTelemetryStore.builder(dir).readOnly(true).open());
        assertFalse(Files.exists(dir));
    }

    @Test
    @DisplayName("closing releases the lock, so the directory can be opened for writing again")
    void closeReleasesTheLock() {
        Path dir = tmp.resolve("telemetry");
        JsonlTelemetryStore first = JsonlTelemetryStore.builder(dir).open();
        first.append(List.of(event("app", "ready", 0)));
        first.close();

        try (JsonlTelemetryStore second = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(1, second.summary("app").orElseThrow().totalEvents());
        }
    }
}
