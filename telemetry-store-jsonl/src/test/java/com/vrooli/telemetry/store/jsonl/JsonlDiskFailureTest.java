package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full or failing disk: appends fail as unavailable with nothing half-written, reads go on, writes recover. */
class JsonlDiskFailureTest {

    private static List<TelemetryEvent> batch(String scenario, int size, int from) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(TelemetryEvent.of(StoreTestSupport.T0.plusSeconds(from + i), scenario, "dependency_unreachable",
                    Map.of("service", "sqlite", "attempt", from + i)));
        }
        return out;
    }

    /** Writes a file until the disk is full. */
    private static void fillDisk(Path filler) throws IOException {
        byte[] chunk = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(Files.exists(filler), "the filler must have taken the space: " + full);
        }
    }

    @Test
    @DisplayName("disk full: 503-worthy failure, whole lines only, reads work, appends succeed once space is back")
    void diskFull() throws IOException {
        Path dir = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512).setMaxSize(256 * 1024)
                .build()).getPath("/telemetry");
        Path filler = dir.getParent().resolve("filler.bin");
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(batch("app", 3, 0));
            ScenarioSummary before = store.summary("app").orElseThrow();
            EventPage pageBefore = store.query(EventQuery.builder("app").build());
            fillDisk(filler);

            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.append(batch("app", 200, 10)));
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("brand-new", 200, 10)));

            assertTrue(e.getMessage().startsWith("cannot append to scenario 'app'"), e.getMessage());
            assertFalse(store.health().writable());
            assertFalse(store.health().detail().contains("/"), store.health().detail());
            assertEquals(2, store.stats().writeFailures());
            assertEquals(3, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
            assertEquals(before, store.summary("app").orElseThrow());
            assertEquals(pageBefore, store.query(EventQuery.builder("app").build()));
            assertEquals(List.of(before), store.summaries());

            Files.delete(filler);
            assertEquals(200, store.append(batch("app", 200, 10)).stored());
            assertEquals(200, store.append(batch("brand-new", 200, 10)).stored());

            assertTrue(store.health().writable());
            assertEquals(203, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
            assertEquals(200, assertWholeValidLines(dir.resolve("brand-new.jsonl"), "brand-new").size());
            assertEquals(203, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("a write that fails half-way is cut back to the previous size before the append fails")
    void partialWriteIsCutBack() throws IOException {
        Path dir = jimfsDir();
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).open()) {
            store.append(batch("app", 2, 0));
            store.runWriteBehind(); // readies the journal's next segment now, not while the budget is spent
            long size = Files.size(dir.resolve("app.jsonl"));
            disk.budget = 100;

            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 5, 10)));

            assertEquals(size, Files.size(dir.resolve("app.jsonl")));
            disk.budget = Long.MAX_VALUE;
            store.append(batch("app", 1, 20));
            assertEquals(3, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
        }
    }

    @Test
    @DisplayName("when even the cut fails, the next append cuts the partial write first")
    void failedCutIsRepairedByTheNextAppend() throws IOException {
        Path dir = jimfsDir();
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).open()) {
            store.append(batch("app", 2, 0));
            store.runWriteBehind(); // readies the journal's next segment now, not while the budget is spent
            disk.budget = 100;
            disk.failTruncate = true;
            StoreUnavailableException first = assertThrows(StoreUnavailableException.class,
                    () -> store.append(batch("app", 5, 10)));
            assertEquals(1, first.getCause().getSuppressed().length, "the failed cut is kept with the cause");

            disk.budget = Long.MAX_VALUE;
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 1, 20)),
                    "no append on top of a partial write");
            disk.failTruncate = false;
            store.append(batch("app", 1, 30));

            List<TelemetryEvent> lines = assertWholeValidLines(dir.resolve("app.jsonl"), "app");
            assertEquals(3, lines.size());
            assertEquals(3, store.summary("app").orElseThrow().totalEvents());
        }
    }

    @Test
    @DisplayName("a torn tail that cannot be moved aside on open is moved before the scenario's next append")
    void tornTailRepairWaitsForSpace() throws IOException {
        Path dir = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512).setMaxSize(64 * 1024)
                .build()).getPath("/telemetry");
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(batch("app", 2, 0));
        }
        Files.write(dir.resolve("app.jsonl"), "{\"torn".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Path filler = dir.getParent().resolve("filler.bin");
        fillDisk(filler);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(2, store.summary("app").orElseThrow().totalEvents());
            assertEquals(2, store.query(EventQuery.builder("app").build()).events().size());
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 1, 5)));

            Files.delete(filler);
            store.append(batch("app", 1, 5));

            assertEquals(1, store.stats().tornTailsRecovered());
            assertEquals(3, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
            assertEquals("{\"torn\n", StoreTestSupport.text(Files.readAllBytes(dir.resolve("app.jsonl.corrupt"))));
        }
    }

    @Test
    @DisplayName("an interrupted appender fails alone; the next append from another thread works")
    void interruptedAppender(@TempDir Path tmp) throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(tmp.resolve("t")).open()) {
            store.append(batch("app", 1, 0));

            Thread.currentThread().interrupt();
            try {
                assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 1, 1)));
            } finally {
                Thread.interrupted();
            }

            assertTrue(store.health().writable(), "an interrupt is not a disk problem");
            assertEquals(1, store.append(batch("app", 1, 2)).stored());
            assertEquals(2, assertWholeValidLines(tmp.resolve("t").resolve("app.jsonl"), "app").size());
        }
    }
}
