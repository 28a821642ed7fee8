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
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.journal.JournalSegmentReader;
import com.vrooli.telemetry.store.jsonl.journal.JournalSegment;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: an append returns only once every event it reports as stored or
 * duplicate is covered by a successful force, and after a failed force the bytes it held are
 * treated as lost (the disk here zeroes them, as Linux may drop them) and written again before
 * anything is acknowledged.
 */
class JsonlDurableAckTest {

    @TempDir
    Path dir;

    private final FlakyChannel.Disk disk = new FlakyChannel.Disk();

    private static List<TelemetryEvent> batch(String scenario, int from, int n) {
        return java.util.stream.IntStream.range(from, from + n)
                .mapToObj(i -> event(scenario, "app_start", i, scenario + "-" + i)).toList();
    }

    private static final String JOURNAL = JournalSegment.fileName(1);

    private JsonlTelemetryStore open(FsyncPolicy policy) {
        return JsonlTelemetryStore.builder(dir).fsync(policy).channelOpener(disk).snapshots(false).open();
    }

    /** Fails the next {@code n} forces of {@code fileName}. */
    private void failForces(String fileName, int n) {
        AtomicInteger left = new AtomicInteger(n);
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals(fileName) && left.getAndDecrement() > 0) {
                throw new IOException("Input/output error");
            }
        };
    }

    private Path journalSegment() {
        return dir.resolve(Journal.DIRECTORY).resolve(JOURNAL);
    }

    @Test
    @DisplayName("a retry after a failed journal fsync is acknowledged only once the lost record was written again and forced")
    void retryAfterFailedForceRewritesTheLostLines() throws IOException {
        disk.loseUnforcedOnFailure = true;
        try (JsonlTelemetryStore store = open(FsyncPolicy.BATCH)) {
            store.append(batch("app", 0, 3));
            failForces(JOURNAL, 1);
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 3, 5)));
            assertEquals(1, intactRecords(journalSegment()), "the disk dropped the unforced record");

            AppendResult retry = store.append(batch("app", 3, 5));

            assertEquals(0, retry.stored());
            assertEquals(5, retry.duplicates());
            assertEquals(2, intactRecords(journalSegment()), "the lost record was written again");
            assertEquals(8, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
        }
        try (JsonlTelemetryStore again = open(FsyncPolicy.BATCH)) {
            assertEquals(8, again.summary("app").orElseThrow().totalEvents());
            assertEquals(0, again.stats().badLinesSkipped());
        }
    }

    @Test
    @DisplayName("with fsync=always, a failed force fails the append and the next append first writes the lost lines again")
    void alwaysPolicyRewritesBeforeTheNextAppend() throws IOException {
        disk.loseUnforcedOnFailure = true;
        try (JsonlTelemetryStore store = open(FsyncPolicy.ALWAYS)) {
            store.append(batch("app", 0, 2));
            failForces("app.jsonl", 1);
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 2, 2)));

            assertEquals(2, store.append(batch("app", 4, 2)).stored());

            assertEquals(6, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
        }
    }

    @Test
    @DisplayName("while the lost lines cannot be written again, every append of that file is refused, duplicates too")
    void nothingIsAcknowledgedWhileTheRepairFails() throws IOException {
        disk.loseUnforcedOnFailure = true;
        try (JsonlTelemetryStore store = open(FsyncPolicy.BATCH)) {
            failForces(JOURNAL, 3);
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 0, 2)));
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 0, 2)), "duplicate retry");
            assertThrows(StoreUnavailableException.class, () -> store.append(batch("app", 2, 2)), "new events");
            assertFalse(store.health().writable());
            // The journal is store-wide: the next append of any scenario repairs it first.
            assertEquals(2, store.append(batch("other", 0, 2)).stored(), "the repair succeeds, other scenarios go on");

            AppendResult retry = store.append(batch("app", 0, 2));

            assertEquals(2, retry.duplicates());
            assertTrue(store.health().writable());
            assertEquals(2, assertWholeValidLines(dir.resolve("app.jsonl"), "app").size());
        }
    }

    private static boolean waitsForAForce(Thread t) {
        Thread.State state = t.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().endsWith(".GroupCommit") && frame.getMethodName().equals("awaitDurable")) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("a duplicate waits for the force of its first copy, and fails with it")
    void duplicateWaitsForThePendingForceOfItsFirstCopy() throws Exception {
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals(JOURNAL) && forces.incrementAndGet() == 1) {
                forcing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("Input/output error");
            }
        };
        try (JsonlTelemetryStore store = open(FsyncPolicy.BATCH)) {
            CompletableFuture<AppendResult> first = CompletableFuture.supplyAsync(() -> store.append(batch("app", 0, 2)));
            assertTrue(forcing.await(30, TimeUnit.SECONDS));
            CompletableFuture<AppendResult> retry = new CompletableFuture<>();
            Thread retrying = new Thread(() -> {
                try {
                    retry.complete(store.append(batch("app", 0, 2)));
                } catch (RuntimeException e) {
                    retry.completeExceptionally(e);
                }
            }, "retrying-duplicate");
            retrying.start();

            // Released only once the duplicate waits for its first copy's force: reaching the store
            // after the failure, it would repair and be acknowledged (correctly), as a later retry is.
            Await.until("the duplicate waits for the pending force", () -> waitsForAForce(retrying));
            assertFalse(retry.isDone(), "the duplicate is not acknowledged while its first copy's force is pending");
            release.countDown();

            assertTrue(assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS)).getCause()
                    instanceof StoreUnavailableException);
            assertTrue(assertThrows(ExecutionException.class, () -> retry.get(30, TimeUnit.SECONDS)).getCause()
                    instanceof StoreUnavailableException, "the duplicate fails with its first copy's force");
            assertEquals(2, store.append(batch("app", 0, 2)).duplicates(), "a later retry repairs, then is acknowledged");
        }
    }

    @Test
    @DisplayName("a scenario file's force that fails behind the journal is never swallowed: its lines are written again and forced")
    void writeBehindForceFailureIsRepaired() throws IOException {
        disk.loseUnforcedOnFailure = true;
        AtomicInteger betaForces = new AtomicInteger();
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals("beta.jsonl") && betaForces.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
        };
        try (JsonlTelemetryStore store = open(FsyncPolicy.BATCH)) {
            List<TelemetryEvent> spanning = List.of(event("alpha", "app_start", 0, "a"), event("beta", "app_start", 0, "b"),
                    event("gamma", "app_start", 0, "c"));
            assertEquals(3, store.append(spanning).stored(), "acknowledged once the journal is forced");
            store.runWriteBehind();
            store.runWriteBehind();

            assertEquals(2, betaForces.get(), "the failed force was followed by the repair's, on a new descriptor");
            assertEquals(0, zeroBytes(dir.resolve("beta.jsonl")), "the lost lines were written again");
            assertEquals(1, assertWholeValidLines(dir.resolve("beta.jsonl"), "beta").size());
        }
    }

    private static int intactRecords(Path segment) throws IOException {
        int n = 0;
        try (JournalSegmentReader reader = JournalSegmentReader.open(segment)) {
            while (reader.next((seq, scenario, position, lines, offset) -> { }) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static long zeroBytes(Path file) throws IOException {
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == 0) {
                n++;
            }
        }
        return n;
    }
}
