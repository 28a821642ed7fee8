package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The forcing thread on a real file: markers complete once the writes before them are forced, and stop ends it. */
@Timeout(30)
class SpoolForcerTest {

    @TempDir
    Path dir;

    @Test
    void aMarkerCompletesOnceTheWritesBeforeItAreForcedAndStopEndsTheThread() throws Exception {
        Path spool = Files.writeString(dir.resolve("s.jsonl"), "{\"a\":1}\n");
        SpoolForcer forcer = new SpoolForcer(spool, new RateLimitedLogger(0));
        FlushMarker nothingWritten = new FlushMarker(true);
        forcer.whenForced(nothingWritten);
        assertTrue(nothingWritten.await(Duration.ofSeconds(1)), "nothing to force: complete at once");

        forcer.written();
        FlushMarker beforeStart = new FlushMarker(true);
        forcer.whenForced(beforeStart);
        assertFalse(beforeStart.await(Duration.ofMillis(50)), "no thread has forced the write yet");

        forcer.start("spool-forcer-test");
        assertTrue(beforeStart.await(Duration.ofSeconds(20)));
        for (int i = 0; i < 100; i++) {
            forcer.written();
            FlushMarker m = new FlushMarker(true);
            forcer.whenForced(m);
            assertTrue(m.await(Duration.ofSeconds(20)));
        }

        forcer.written();
        FlushMarker atStop = new FlushMarker(true);
        forcer.whenForced(atStop);
        forcer.stop();
        assertTrue(atStop.await(Duration.ofSeconds(1)), "stop forces what is written and completes every marker");
        Await.until("the forcing thread ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("spool-forcer-test")));
    }

    @Test
    void aFileThatIsGoneIsNotAnError() throws Exception {
        SpoolForcer forcer = new SpoolForcer(dir.resolve("missing.jsonl"), new RateLimitedLogger(0));
        forcer.start("spool-forcer-missing");
        forcer.written();
        FlushMarker m = new FlushMarker(true);
        forcer.whenForced(m);
        assertTrue(m.await(Duration.ofSeconds(20)));
        forcer.stop();
    }

    @Test
    void aForceThatFailsCompletesItsMarkersAsFailed() throws Exception {
        // Opening a directory for writing fails as an fsync can: with an I/O error.
        Path notAFile = Files.createDirectory(dir.resolve("s.jsonl"));
        SpoolForcer forcer = new SpoolForcer(notAFile, new RateLimitedLogger(0));
        forcer.start("spool-forcer-failing");
        forcer.written();
        FlushMarker m = new FlushMarker(true);
        forcer.whenForced(m);
        assertFalse(m.await(Duration.ofSeconds(20)), "a write whose fsync failed is not reported as on disk");
        // Nothing written since: the failure was the previous marker's to report.
        FlushMarker after = new FlushMarker(true);
        forcer.whenForced(after);
        assertTrue(after.await(Duration.ofSeconds(1)), "no write since the failed marker");
        forcer.stop();
    }

    @Test
    void aFailureIsReportedByTheNextMarkerHoweverTheWritesWereGroupedIntoForces() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("s.jsonl"));
        SpoolForcer forcer = new SpoolForcer(spool, new RateLimitedLogger(0));
        forcer.start("spool-forcer-grouping");
        // The failed fsync covers write 1 before any marker is asked for (the race CI once lost).
        forcer.written();
        Await.until("write 1 forced (and failed)", () -> forcer.forced() >= 1);
        Files.delete(spool);
        Files.writeString(spool, "{\"a\":1}\n");
        forcer.written();
        Await.until("write 2 forced", () -> forcer.forced() >= 2);
        FlushMarker both = new FlushMarker(true);
        forcer.whenForced(both);
        assertFalse(both.await(Duration.ofSeconds(1)),
                "write 1 failed: a later successful fsync of write 2 does not make it on disk");

        forcer.written();
        FlushMarker next = new FlushMarker(true);
        forcer.whenForced(next);
        assertTrue(next.await(Duration.ofSeconds(20)), "write 3, after the failure was reported, is on disk");
        forcer.stop();
    }

    @Test
    void aForceThatSucceedsAfterAFailureReportsLaterWritesAsOnDisk() throws Exception {
        Path spool = dir.resolve("s.jsonl");
        Files.createDirectory(spool);
        SpoolForcer forcer = new SpoolForcer(spool, new RateLimitedLogger(0));
        forcer.start("spool-forcer-recovering");
        forcer.written();
        FlushMarker failed = new FlushMarker(true);
        forcer.whenForced(failed);
        assertFalse(failed.await(Duration.ofSeconds(20)));

        Files.delete(spool);
        Files.writeString(spool, "{\"a\":1}\n");
        forcer.written();
        FlushMarker later = new FlushMarker(true);
        forcer.whenForced(later);
        assertTrue(later.await(Duration.ofSeconds(20)), "the write after the failure was forced");
        FlushMarker again = new FlushMarker(true);
        forcer.whenForced(again);
        assertTrue(again.await(Duration.ofSeconds(1)), "nothing new written: the latest fsync succeeded");
        forcer.stop();
    }
}
