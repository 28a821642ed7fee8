package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import com.vrooli.telemetry.testing.Await;
import java.nio.file.Files;
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

/**
 * An append counts its events into the scenario's aggregate after releasing the scenario's lock
 * ({@link ScenarioAggregate.Fold}): the next append writes meanwhile, and whoever takes the
 * scenario's lock (a snapshot) still finds every write before it counted.
 */
class ScenarioFoldOrderTest {

    @TempDir
    Path tmp;

    private static List<TelemetryEvent> batch(String scenario, String prefix, int size) {
        List<TelemetryEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(event(scenario, i % 7 == 0 ? "crash" : "ready", i % 60, prefix + "-" + i));
        }
        return events;
    }

    @Test
    @DisplayName("the next append of a scenario writes its lines while the previous append still counts its events")
    void nextAppendWritesWhileTheLastCounts() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(tmp.resolve("store")).open()) {
            store.append(batch("busy", "first", 1));
            ScenarioFile file = store.scenarioFile("busy");
            long before = file.committedSize();
            // This thread plays an append that wrote and now counts: the aggregate's lock taken under
            // the scenario's lock, which is then released.
            ScenarioAggregate.Fold counting = file.aggregate.fold(List.of(), new boolean[0]);
            synchronized (file) {
                counting.hold();
            }
            Future<AppendResult> next;
            try {
                next = pool.submit(() -> store.append(batch("busy", "next", 3)));
                Await.until("the next append's lines are written", () -> file.committedSize() > before);
                assertFalse(next.isDone(), "the next append counts after the one counting now, so it waits");
            } finally {
                counting.complete();
            }
            assertEquals(3, next.get(1, TimeUnit.MINUTES).stored());
            assertEquals(4, store.summary("busy").orElseThrow().totalEvents());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("snapshots taken while 4 threads append to one scenario count exactly the lines before their offset")
    void snapshotsDuringAppendsAreConsistent() throws Exception {
        int threads = 4;
        int batches = 60;
        int perBatch = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(tmp.resolve("store")).snapshots(false).open()) {
            store.append(batch("busy", "first", 1));
            ScenarioFile file = store.scenarioFile("busy");
            List<Future<Integer>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    int stored = 0;
                    for (int b = 0; b < batches; b++) {
                        stored += store.append(batch("busy", "t" + thread + "-" + b, perBatch)).stored();
                    }
                    return stored;
                }));
            }
            int captures = 0;
            while (captures < 5 || !appenders.stream().allMatch(Future::isDone)) {
                ScenarioSnapshot snapshot = file.capture();
                byte[] bytes = Files.readAllBytes(file.path);
                long lines = 0;
                for (int i = 0; i < snapshot.offset(); i++) {
                    if (bytes[i] == '\n') {
                        lines++;
                    }
                }
                assertEquals(lines, snapshot.summary().totalEvents(),
                        "events counted in a snapshot at offset " + snapshot.offset());
                captures++;
            }
            int stored = 0;
            for (Future<Integer> f : appenders) {
                stored += f.get(1, TimeUnit.MINUTES);
            }
            assertEquals(threads * batches * perBatch, stored);
            assertEquals(1 + stored, store.summary("busy").orElseThrow().totalEvents());
            assertTrue(captures >= 5);
        } finally {
            pool.shutdownNow();
        }
    }
}
