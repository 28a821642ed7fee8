package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.store.jsonl.JsonlStoreStats;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long the JSONL store takes to serve again after a restart. Generates S scenario files of N
 * realistic stored lines each (default 1000 x 10,000 = 10 million events, about 2.3 GB), then:
 * opens the store cold (no snapshot: every file read whole) and closes it (the snapshot is
 * written); restarts it in a new JVM, as a real restart does (resumed from the snapshot); appends
 * lines beside it and restarts again in a new JVM, as after a crash (only the lines after the
 * snapshot are read); and, for reference, reopens it in this JVM, whose code is already compiled.
 * "Serving" means {@code open()} returned and the first {@code summaries()} answered; both are
 * timed together, inside the JVM, and the new JVM's whole run (start-up included) is timed too.
 * The files were just written, so they are in the page cache: this measures the store's work, not
 * the disk.
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
     * @throws IOException          when the directory cannot be written
     * @throws InterruptedException when interrupted while waiting for the restarted JVM
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals(OPEN_ONCE)) {
            openOnce(Path.of(args[1]));
            return;
        }
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long perScenario = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        boolean keep = args.length > 2;
        Path dir = keep ? Path.of(args[2]) : Files.createTempDirectory("store-restart-bench-");
        try {
            prepare(dir, scenarios, perScenario);

            Timed cold = openAndServe(dir);
            System.out.printf("cold open (full rebuild): %,d ms (process CPU %,d ms) for %,d events in %,d"
                    + " scenarios (%s)%n", cold.millis, cold.cpuMillis, cold.total, cold.stats.scenarios(),
                    describe(cold.stats));
            long events = cold.total;
            long closeStart = System.nanoTime();
            cold.store.close();
            System.out.printf("close (final snapshot written): %,d ms%n", (System.nanoTime() - closeStart) / 1_000_000);

            restartInNewJvm(dir, "restart from snapshot, new JVM", events);
            // A new seed each run: lines appended by an earlier run into a kept directory must not repeat ids.
            StoredLineFiles more = new StoredLineFiles(System.currentTimeMillis());
            long extra = 0;
            for (int s = 0; s < scenarios; s += 10) {
                more.write(dir.resolve(name(s) + ".jsonl"), name(s), 100);
                extra += 100;
            }
            restartInNewJvm(dir, "restart with " + extra + " lines after the snapshot, new JVM", events + extra);

            Timed warm = openAndServe(dir);
            System.out.printf("reopen in this JVM (code already compiled): %,d ms (process CPU %,d ms) (%s)%n",
                    warm.millis, warm.cpuMillis, describe(warm.stats));
            check(warm.total, events + extra);
            warm.store.close();
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
    }

    private static final String OPEN_ONCE = "--open-once";

    /** In the new JVM: open, serve, print, close. */
    private static void openOnce(Path dir) {
        Timed t = openAndServe(dir);
        System.out.printf("%d %d %d %s%n", t.millis, t.cpuMillis, t.total, describe(t.stats));
        t.store.close();
    }

    private static void restartInNewJvm(Path dir, String what, long expected) throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        long start = System.nanoTime();
        Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                StoreRestartBenchmark.class.getName(), OPEN_ONCE, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the restarted JVM failed: " + out);
        }
        long processMillis = (System.nanoTime() - start) / 1_000_000;
        String[] parts = out.split(" ", 4);
        System.out.printf("%s: serving after %,d ms in the JVM (process CPU %,d ms); whole process %,d ms"
                + " including JVM start and close (%s)%n", what, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                processMillis, parts[3]);
        check(Long.parseLong(parts[2]), expected);
    }

    private record Timed(JsonlTelemetryStore store, long millis, long cpuMillis, long total, JsonlStoreStats stats) {
    }

    /** Opens and serves; CPU is the whole process's (the store loads on several threads; JIT and GC count too). */
    private static Timed openAndServe(Path dir) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open();
        List<ScenarioSummary> summaries = store.summaries();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        long total = summaries.stream().mapToLong(ScenarioSummary::totalEvents).sum();
        return new Timed(store, millis, cpuMillis, total, store.stats());
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
