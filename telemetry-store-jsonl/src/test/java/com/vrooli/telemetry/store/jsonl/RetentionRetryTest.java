package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.retention.RetentionWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retention pass that fails is tried again within seconds, not at the next period (a minute here). */
class RetentionRetryTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a rotation whose force failed is retried soon, with no append to set it off")
    void failedPassIsRetried() throws IOException {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        disk.beforeForce = file -> {
            throw new IOException("Input/output error");
        };
        RetentionPolicy policy = RetentionPolicy.builder().maxBytes(64 * 1024).segmentBytes(1024).build();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.NEVER)
                .snapshots(false).retention(policy).channelOpener(disk).open()) {
            List<TelemetryEvent> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(event("app", "app_start", i, "id-" + i));
            }
            store.append(batch); // over 1 KiB: a pass is queued, and its rotation's force fails
            within(10, "the failed rotation to be counted", () -> store.retentionStats().failures() >= 1);
            assertEquals(0, store.retentionStats().rotations());

            disk.beforeForce = file -> { };
            // The periodic pass is a minute away and nothing is appended: only the retry can rotate.
            within(3 * RetentionWorker.RETRY_AFTER_FAILURE.toSeconds() + 2, "the retried rotation",
                    () -> store.retentionStats().rotations() == 1);
        }
        assertTrue(Files.exists(dir.resolve("app.jsonl.1")));
    }

    private static void within(long seconds, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + seconds + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
