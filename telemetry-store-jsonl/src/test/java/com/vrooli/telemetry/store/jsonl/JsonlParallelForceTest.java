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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With fsync=batch, a batch that spans several scenarios forces their files at the same time. */
class JsonlParallelForceTest {

    @TempDir
    Path dir;

    private static List<TelemetryEvent> spanningBatch(int from) {
        return List.of(
                event("alpha", "app_start", from, "a-" + from),
                event("beta", "app_start", from, "b-" + from),
                event("gamma", "app_start", from, "c-" + from),
                event("alpha", "health_check", from + 1, "a-" + (from + 1)));
    }

    @Test
    @DisplayName("the three files of one batch are forced at the same time, not one after another")
    void forcesOverlap() throws IOException {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        CyclicBarrier threeForcing = new CyclicBarrier(3);
        Set<Path> forced = ConcurrentHashMap.newKeySet();
        disk.beforeForce = file -> {
            forced.add(file.getFileName());
            try {
                // Forced in sequence, the first force would wait here for the other two, and fail.
                threeForcing.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("forces did not overlap: " + e, e);
            }
        };
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).open()) {
            AppendResult result = store.append(spanningBatch(0));
            assertEquals(4, result.stored());
            assertEquals(Set.of(Path.of("alpha.jsonl"), Path.of("beta.jsonl"), Path.of("gamma.jsonl")), forced);
            assertEquals(3, store.stats().fsyncs());

            disk.beforeForce = file -> { };
            assertEquals(4, store.append(spanningBatch(10)).stored());
            assertTrue(store.health().writable());
        }
        assertEquals(2 * 2, assertWholeValidLines(dir.resolve("alpha.jsonl"), "alpha").size());
        assertEquals(2, assertWholeValidLines(dir.resolve("beta.jsonl"), "beta").size());
    }

    @Test
    @DisplayName("one file's failed force fails the batch naming that scenario; a retry stores nothing twice")
    void oneForceFails() throws IOException {
        FlakyChannel.Disk disk = new FlakyChannel.Disk();
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals("beta.jsonl")) {
                throw new IOException("Input/output error");
            }
        };
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).open()) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.append(spanningBatch(0)));
            assertTrue(e.getMessage().startsWith("cannot append to scenario 'beta'"), e.getMessage());
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
