package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.journal.JournalSegment;
import com.vrooli.telemetry.store.jsonl.journal.WriteBehind;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With fsync=batch, a batch that spans several scenarios waits for one force of the journal, not
 * one per scenario file (the files are forced behind); a failed journal force fails the batch.
 * (Before the journal, this class checked that the batch's files were forced at the same time.)
 */
class JsonlParallelForceTest {

    private static final String JOURNAL = JournalSegment.fileName(1);

    @TempDir
    Path dir;

    private static List<TelemetryEvent> spanningBatch(int from) {
        return List.of(
                event("alpha", "app_start", from, "a-" + from),
                event("beta", "app_start", from, "b-" + from),
                event("gamma", "app_start", from, "c-" + from),
                event("alpha", "health_check", from + 1, "a-" + (from + 1)));
    }

    private JsonlTelemetryStore open(FlakyChannel.Disk disk) {
        // The write-behind never runs on its own here: every force seen is the appender's.
        return JsonlTelemetryStore.builder(dir).channelOpener(disk).journal(64L << 20, Duration.ofHours(1)).open();
    }

    @Test
    @DisplayName("the batch's answer waits for one force, of the journal; the scenario files are forced behind")
    void oneJournalForce() throws IOException {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        List<Path> forced = new CopyOnWriteArrayList<>();
        disk.beforeForce = file -> forced.add(file.getFileName());
        try (JsonlTelemetryStore store = open(disk)) {
            AppendResult result = store.append(spanningBatch(0));
            assertEquals(4, result.stored());
            assertTrue(forced.contains(Path.of(JOURNAL)), forced.toString());
            assertEquals(1, forced.stream().filter(p -> p.equals(Path.of(JOURNAL))).count(), forced.toString());

            store.runWriteBehind();
            assertTrue(forced.containsAll(List.of(Path.of("alpha.jsonl"), Path.of("beta.jsonl"),
                    Path.of("gamma.jsonl"))), forced.toString());
            assertEquals(4, store.append(spanningBatch(10)).stored());
            assertTrue(store.health().writable());
        }
        assertEquals(2 * 2, assertWholeValidLines(dir.resolve("alpha.jsonl"), "alpha").size());
        assertEquals(2, assertWholeValidLines(dir.resolve("beta.jsonl"), "beta").size());
    }

    @Test
    @DisplayName("the write-behind forces a busy scenario file a few times a second, not after every append")
    void writeBehindPacesItsForces() throws Exception {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        List<Long> alphaForces = new CopyOnWriteArrayList<>();
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals("alpha.jsonl")) {
                alphaForces.add(System.nanoTime());
            }
        };
        int appended = 0;
        try (JsonlTelemetryStore store = open(disk)) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < 1_000_000_000L) {
                store.append(List.of(event("alpha", "health_check", appended, "h-" + appended)));
                appended++;
                LockSupport.parkNanos(2_000_000); // the sender's pace: an upload every 2 ms
            }
            long seconds = (System.nanoTime() - start + 999_999_999L) / 1_000_000_000L;
            Await.until("the file forced behind, on its own", () -> !alphaForces.isEmpty());
            // At most one force a pass, a pass at most every WriteBehind.PASS_GAP_NANOS (200 ms).
            assertTrue(alphaForces.size() <= seconds * 5 + 2, alphaForces.size() + " forces for " + appended
                    + " appends in " + seconds + " s, a pass at most every "
                    + WriteBehind.PASS_GAP_NANOS / 1_000_000 + " ms");
        }
        assertEquals(appended, assertWholeValidLines(dir.resolve("alpha.jsonl"), "alpha").size());
    }

    @Test
    @DisplayName("a failed journal force fails the batch; a retry stores nothing twice")
    void oneForceFails() throws IOException {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals(JOURNAL)) {
                throw new IOException("Input/output error");
            }
        };
        try (JsonlTelemetryStore store = open(disk)) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.append(spanningBatch(0)));
            assertTrue(e.getMessage().startsWith("cannot make the upload durable: the journal's force failed"),
                    e.getMessage());
            assertFalse(store.health().writable());
            assertEquals(1, store.stats().writeFailures());

            disk.beforeForce = file -> { };
            AppendResult retry = store.append(spanningBatch(0));
            assertEquals(0, retry.stored());
            assertEquals(4, retry.duplicates());
            assertTrue(store.health().writable());
        }
        assertEquals(2, assertWholeValidLines(dir.resolve("alpha.jsonl"), "alpha").size());
        assertEquals(1, assertWholeValidLines(dir.resolve("beta.jsonl"), "beta").size());
        assertEquals(1, assertWholeValidLines(dir.resolve("gamma.jsonl"), "gamma").size());
    }

    @Test
    @DisplayName("repeats of one event id inside a batch are stored once, across scenarios kept apart")
    void repeatsInsideABatch() throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            AppendResult result = store.append(List.of(
                    event("alpha", "app_start", 0, "same"),
                    event("beta", "app_start", 0, "same"),
                    event("alpha", "app_start", 1, "same"),
                    event("alpha", "app_start", 2),
                    event("alpha", "app_start", 2),
                    event("beta", "app_start", 3, "other")));
            assertEquals(5, result.stored());
            assertEquals(1, result.duplicates());
        }
        assertEquals(3, assertWholeValidLines(dir.resolve("alpha.jsonl"), "alpha").size());
        assertEquals(2, assertWholeValidLines(dir.resolve("beta.jsonl"), "beta").size());
    }
}
