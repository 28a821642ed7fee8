package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.Await;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads appending at once: whole lines only, exact counts, and shared forces. */
class JsonlConcurrencyTest {

    private static final int THREADS = 8;

    @TempDir
    Path tmp;

    /** Runs {@code task(thread)} on {@link #THREADS} threads released together; returns the sum of results. */
    private static int runTogether(ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> c = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get(2, TimeUnit.MINUTES);
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface ThreadTask {
        int run(int thread) throws Exception;
    }

    @Test
    @DisplayName("8 threads appending batches to one scenario on a real disk: every line parses, counts exact")
    void oneScenario() throws Exception {
        Path dir = tmp.resolve("one");
        int batches = 40;
        int perBatch = 5;
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            int stored = runTogether(thread -> {
                int n = 0;
                for (int b = 0; b < batches; b++) {
                    List<TelemetryEvent> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        batch.add(event("busy", i == 0 ? "crash" : "ready", b, "t" + thread + "-" + b + "-" + i));
                    }
                    n += store.append(batch).stored();
                }
                return n;
            });

            assertEquals(THREADS * batches * perBatch, stored);
            assertEquals(THREADS * batches * perBatch, store.summary("busy").orElseThrow().totalEvents());
            assertEquals(THREADS * batches, store.stats().writes());
            assertTrue(store.stats().fsyncs() <= store.stats().writes(), "group commit never forces more than once per write");
        }
        List<TelemetryEvent> lines = assertWholeValidLines(dir.resolve("busy.jsonl"), "busy");
        assertEquals(THREADS * batches * perBatch, lines.size());
        Set<String> ids = new HashSet<>();
        lines.forEach(e -> assertTrue(ids.add(e.eventId()), "stored twice: " + e.eventId()));
        assertBatchesAreContiguous(lines, perBatch);
    }

    /** One write per batch part: a batch's lines are never interleaved with another batch's. */
    private static void assertBatchesAreContiguous(List<TelemetryEvent> lines, int perBatch) {
        for (int i = 0; i < lines.size(); i += perBatch) {
            String prefix = lines.get(i).eventId().substring(0, lines.get(i).eventId().lastIndexOf('-') + 1);
            for (int j = 0; j < perBatch; j++) {
                assertEquals(prefix + j, lines.get(i + j).eventId());
            }
        }
    }

    @Test
    @DisplayName("8 threads appending batches that span several scenarios: every file parses, counts add up")
    void severalScenarios() throws Exception {
        Path dir = jimfsDir();
        int batches = 50;
        List<String> scenarios = List.of("s0", "s1", "s2", "s3");
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            int stored = runTogether(thread -> {
                int n = 0;
                for (int b = 0; b < batches; b++) {
                    List<TelemetryEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        String scenario = scenarios.get((thread + b + i) % scenarios.size());
                        batch.add(event(scenario, "ready", i, "t" + thread + "-" + b + "-" + i));
                    }
                    batch.add(batch.get(0));
                    AppendResult r = store.append(batch);
                    assertEquals(1, r.duplicates());
                    n += r.stored();
                }
                return n;
            });

            assertEquals(THREADS * batches * 6, stored);
            long total = 0;
            for (String s : scenarios) {
                long inFile = assertWholeValidLines(dir.resolve(s + ".jsonl"), s).size();
                assertEquals(inFile, store.summary(s).orElseThrow().totalEvents());
                total += inFile;
            }
            assertEquals(stored, total);
            assertEquals(THREADS * batches, store.stats().duplicatesSkipped());
        }
    }

    @Test
    @DisplayName("group commit: appends waiting while a force runs share the next force")
    void groupCommitSharesForces() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        JsonlTelemetryStore[] holder = new JsonlTelemetryStore[1];
        // The first force waits until every thread has written, so the second force must cover them all.
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(jimfsDir()).fsyncListener(nanos -> {
            if (forces.incrementAndGet() == 1) {
                Await.until("all threads wrote", () -> holder[0].stats().writes() == THREADS);
            }
        }).open()) {
            holder[0] = store;
            int stored = runTogether(thread -> store.append(List.of(event("grouped", "ready", thread))).stored());

            assertEquals(THREADS, stored);
            assertEquals(THREADS, store.stats().writes());
            assertTrue(store.stats().fsyncs() <= 2, "8 appends needed " + store.stats().fsyncs() + " forces");
            assertEquals(store.stats().fsyncs(), forces.get(), "the listener hears every force");
        }
    }

    @Test
    @DisplayName("ALWAYS forces once per append, never shared; NEVER never forces")
    void alwaysAndNeverPolicies() throws Exception {
        try (JsonlTelemetryStore always = JsonlTelemetryStore.builder(tmp.resolve("always"))
                .fsync(FsyncPolicy.ALWAYS).open()) {
            runTogether(thread -> {
                for (int i = 0; i < 5; i++) {
                    always.append(List.of(event("a", "ready", i), event("b", "ready", i)));
                }
                return 0;
            });
            assertEquals(THREADS * 5 * 2, always.stats().writes());
            assertEquals(always.stats().writes(), always.stats().fsyncs());
        }
        try (JsonlTelemetryStore never = JsonlTelemetryStore.builder(tmp.resolve("never"))
                .fsync(FsyncPolicy.NEVER).open()) {
            runTogether(thread -> never.append(List.of(event("a", "ready", thread))).stored());
            assertEquals(THREADS, never.stats().writes());
            assertEquals(0, never.stats().fsyncs());
        }
    }
}
