package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store keeps at most its limit of scenario files open, whatever the number of scenarios. */
class JsonlOpenFilesTest {

    @TempDir
    Path dir;

    private final FlakyChannel.Disk disk = new FlakyChannel.Disk();

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    @DisplayName("200 scenarios through a limit of 8 open files: bounded descriptors, every line stored, reopened on demand")
    void boundedUnderManyScenarios(FsyncPolicy policy) throws Exception {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(policy).channelOpener(disk)
                .maxOpenFiles(8).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int round = 0; round < 3; round++) {
                            List<TelemetryEvent> batch = new ArrayList<>();
                            for (int s = thread * 50; s < thread * 50 + 50; s++) {
                                batch.add(event("s" + s, "app_start", round, "s" + s + "-" + round));
                            }
                            store.append(batch);
                            assertTrue(disk.openNow.get() <= 8 + 4 * 2, "open: " + disk.openNow.get());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            assertTrue(store.stats().openFiles() <= 8 + 4 * 2, "open: " + store.stats().openFiles());
            assertTrue(store.stats().filesClosedIdle() > 0);
            assertTrue(store.stats().filesReopened() > 0, "old scenarios were appended to again after a close");
            for (int s = 0; s < 200; s++) {
                assertEquals(3, store.summary("s" + s).orElseThrow().totalEvents());
                assertEquals(3, store.query(EventQuery.builder("s" + s).build()).events().size());
            }
        }
        assertEquals(0, disk.openNow.get(), "close released every file");
        for (int s = 0; s < 200; s += 37) {
            assertEquals(3, assertWholeValidLines(dir.resolve("s" + s + ".jsonl"), "s" + s).size());
        }
    }

    @Test
    @DisplayName("a file whose lines wait for a force is never closed under them")
    void unsettledFilesStayOpen() throws IOException {
        disk.beforeForce = file -> {
            if (file.getFileName().toString().equals("held.jsonl")) {
                throw new IOException("Input/output error");
            }
        };
        // ALWAYS: the append itself forces the file (with BATCH its force runs behind the journal).
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).channelOpener(disk).maxOpenFiles(1)
                .fsync(FsyncPolicy.ALWAYS).open()) {
            assertThrows(RuntimeException.class, () -> store.append(List.of(event("held", "app_start", 0, "h"))));
            int opens = disk.opened.get();
            for (int s = 0; s < 5; s++) {
                store.append(List.of(event("other" + s, "app_start", 0, "o" + s)));
            }
            assertEquals(opens + 5, disk.opened.get(), "held.jsonl was not closed and reopened meanwhile");
            assertEquals(2, disk.openNow.get(), "held.jsonl stays open beside the one file the limit allows");
            disk.beforeForce = file -> { };
            assertEquals(1, store.append(List.of(event("held", "app_start", 0, "h"))).duplicates());
        }
    }
}
