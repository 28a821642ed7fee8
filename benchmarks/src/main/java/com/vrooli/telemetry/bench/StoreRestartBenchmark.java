package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.store.jsonl.JsonlStoreStats;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long the JSONL store takes to serve again after a restart. Generates S scenario files of N
 * realistic stored lines each (default 1000 x 10,000 = 10 million events, about 2.3 GB), then:
 * opens the store cold (no snapshot: every file read whole), closes it (the snapshot is written),
 * opens it again (resumed from the snapshot), appends a little and restarts once more as after a
 * crash (only the lines after the snapshot are read). "Serving" means {@code open()} returned and
 * the first {@code summaries()} answered; both are timed together. The files were just written, so
 * they are in the page cache: this measures the store's work, not the disk.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.StoreRestartBenchmark [scenarios] [eventsPerScenario] [dir]
 * </pre>
 * With {@code dir}, files already there are reused (their snapshot removed first) and kept;
 * without it, a temporary directory is used and deleted.
 */
public final class StoreRestartBenchmark {

    private StoreRestartBenchmark() {
    }

    /**
     * Runs the measurement and prints the figures.
     *
     * @param args optional: scenarios, events per scenario, directory
     * @throws IOException when the directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long perScenario = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        boolean keep = args.length > 2;
        Path dir = keep ? Path.of(args[2]) : Files.createTempDirectory("store-restart-bench-");
        try {
            prepare(dir, scenarios, perScenario);
            Timed cold = openAndServe(dir);
            System.out.printf("cold open (full rebuild): %,d ms for %,d events in %,d scenarios (%s)%n",
                    cold.millis, cold.total, cold.stats.scenarios(), describe(cold.stats));
            long events = cold.total;
            long closeStart = System.nanoTime();
            cold.store.close();
            System.out.printf("close (final snapshot written): %,d ms%n", (System.nanoTime() - closeStart) / 1_000_000);

            Timed warm = openAndServe(dir);
            System.out.printf("restart from snapshot: %,d ms (%s)%n", warm.millis, describe(warm.stats));
            check(warm.total, events);
            // Lines appended after the last snapshot, as after a crash: written beside the store.
            warm.store.close();
            StoredLineFiles more = new StoredLineFiles(99);
            long extra = 0;
            for (int s = 0; s < scenarios; s += 10) {
                more.write(dir.resolve(name(s) + ".jsonl"), name(s), 100);
                extra += 100;
            }
            Timed crash = openAndServe(dir);
            System.out.printf("restart with %,d lines after the snapshot: %,d ms (%s)%n", extra, crash.millis,
                    describe(crash.stats));
            check(crash.total, events + extra);
            crash.store.close();
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
    }

    private record Timed(JsonlTelemetryStore store, long millis, long total, JsonlStoreStats stats) {
    }

    private static Timed openAndServe(Path dir) {
        long start = System.nanoTime();
        JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open();
        List<ScenarioSummary> summaries = store.summaries();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long total = summaries.stream().mapToLong(ScenarioSummary::totalEvents).sum();
        return new Timed(store, millis, total, store.stats());
    }

    private static void prepare(Path dir, int scenarios, long perScenario) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(".snapshots").resolve("summaries.snap"));
        long start = System.nanoTime();
        long bytes = 0;
        StoredLineFiles lines = new StoredLineFiles(42);
        for (int s = 0; s < scenarios; s++) {
            Path file = dir.resolve(name(s) + ".jsonl");
            if (Files.exists(file)) {
                bytes += Files.size(file);
            } else {
                bytes += lines.write(file, name(s), perScenario);
            }
        }
        System.out.printf("StoreRestartBenchmark: %,d scenarios x %,d events, %,d MB of lines in %s (prepared in %,d ms)"
                + ", JDK %s, %d CPUs, max heap %,d MiB%n", scenarios, perScenario, bytes / 1_000_000, dir,
                (System.nanoTime() - start) / 1_000_000, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String name(int s) {
        return String.format("scenario-%04d", s);
    }

    private static String describe(JsonlStoreStats s) {
        return "restored " + s.scenariosRestored() + ", rebuilt " + s.scenariosRebuilt() + ", dedup ids "
                + s.dedupIds() + ", bad lines " + s.badLinesSkipped();
    }

    private static void check(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("the store counted " + got + " events, expected " + expected);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
