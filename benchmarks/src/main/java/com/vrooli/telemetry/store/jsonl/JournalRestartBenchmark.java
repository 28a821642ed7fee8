package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Restart after a SIGKILL with a big journal to replay (issue 13): appends E events over S
 * scenarios through the store in 100-event batches, with the journal never checkpointed (so it
 * covers every event), copies the directory while the store is still open (what a SIGKILL leaves:
 * every written byte is in the page cache, nothing was closed), then times, in a new JVM, opening
 * the copy (journal replay, then loading the scenarios from the files and snapshots) and answering
 * the first {@code summaries()}. In the store's package, to reach the journal's test options.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.store.jsonl.JournalRestartBenchmark [events] [scenarios] [dir] [journaled]
 * java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.store.jsonl.JournalRestartBenchmark --open-once dir
 * </pre>
 * With {@code dir}, the crashed copy is kept there and reused by later runs with the same {@code dir} (each
 * run replays a fresh copy of it), so that only the first run pays for the appends. With {@code journaled},
 * only the last that many events are in the journal: the ones before are appended through a store with the
 * default journal, which is closed (its journal checkpointed and deleted, its snapshots written) before the
 * never-checkpointed store appends the rest (6,000,000 of 10,000,000 events make a journal of about 1 GB).
 * {@code --open-once} opens a directory once in this JVM and prints what it found.
 */
public final class JournalRestartBenchmark {

    private static final String OPEN_ONCE = "--open-once";

    private JournalRestartBenchmark() {
    }

    /**
     * Runs the measurement and prints the figures.
     *
     * @param args optional: events (default 1,000,000), scenarios (default 1000), directory to keep the crash in
     * @throws IOException          when the directories cannot be written
     * @throws InterruptedException when interrupted while waiting for the restarted JVM
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals(OPEN_ONCE)) {
            // The opening thread's CPU (the replay runs on it): a figure that a busy machine distorts far less.
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(Path.of(args[1])).open()) {
                long events = store.summaries().stream().mapToLong(s -> s.totalEvents()).sum();
                long millis = (System.nanoTime() - start) / 1_000_000;
                long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                JsonlStoreStats stats = store.stats();
                System.out.printf("%d %d %d restored %d, rebuilt %d; opening thread's CPU %d ms%n", millis, events,
                        store.journalPartsReplayed(), stats.scenariosRestored(), stats.scenariosRebuilt(), cpuMillis);
            }
            return;
        }
        long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int scenarios = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path kept = args.length > 2 ? Path.of(args[2]) : null;
        long journaled = args.length > 3 ? Long.parseLong(args[3]) : total;
        Path crashed = Files.createTempDirectory("journal-restart-crashed-");
        try {
            if (kept != null && Files.isDirectory(kept.resolve(Journal.DIRECTORY))) {
                copy(kept, crashed);
                System.out.printf("reusing the crash kept in %s: journal %,d MB, files %,d MB%n", kept,
                        bytes(crashed.resolve(Journal.DIRECTORY)) >> 20, bytes(crashed) >> 20);
            } else {
                crash(total, scenarios, journaled, crashed);
                if (kept != null) {
                    copy(crashed, kept);
                }
            }
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            long start = System.nanoTime();
            Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                    JournalRestartBenchmark.class.getName(), OPEN_ONCE, crashed.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String[] out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ", 4);
            if (child.waitFor() != 0 || Long.parseLong(out[1]) != total) {
                throw new IllegalStateException("the restarted store is wrong: " + String.join(" ", out));
            }
            System.out.printf("restart after the crash, new JVM: serving after %,d ms in the JVM (journal replayed,"
                    + " %s parts written back; scenarios %s); whole process %,d ms including JVM start and close;"
                    + " %,d events%n", Long.parseLong(out[0]), out[2], out[3], (System.nanoTime() - start) / 1_000_000,
                    Long.parseLong(out[1]));
        } finally {
            delete(crashed);
        }
    }

    /**
     * Appends the first {@code total - journaled} events through a store with the default journal and
     * closes it, then the rest through a store whose journal is never checkpointed, and copies the
     * directory while that one is open.
     */
    private static void crash(long total, int scenarios, long journaled, Path crashed) throws IOException {
        Path live = Files.createTempDirectory("journal-restart-live-");
        try {
            long appendStart = System.nanoTime();
            long checkpointed = Math.max(0, total - journaled);
            if (checkpointed > 0) {
                try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(live).open()) {
                    append(store, 0, checkpointed, scenarios);
                }
            }
            try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(live)
                    .journal(Long.MAX_VALUE, Duration.ofDays(1)).open()) {
                append(store, checkpointed, total, scenarios);
                System.out.printf("appended %,d events over %,d scenarios in %,d ms; journal %,d MB, files %,d MB%n",
                        total, scenarios, (System.nanoTime() - appendStart) / 1_000_000,
                        bytes(live.resolve(Journal.DIRECTORY)) >> 20, bytes(live) >> 20);
                copy(live, crashed);
            }
        } finally {
            delete(live);
        }
    }

    /** Appends events {@code from} to {@code to} in 100-event batches, each batch to one scenario. */
    private static void append(JsonlTelemetryStore store, long from, long to, int scenarios) {
        List<TelemetryEvent> batch = new ArrayList<>(100);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (long i = from; i < to; i++) {
            String scenario = "scenario-" + (i / 100 % scenarios);
            batch.add(TelemetryEvent.of(t0.plusMillis(i), scenario, i % 50 == 0 ? "crash" : "health_check",
                    Map.of("attempt", (int) (i % 5), "note", "replay me"))
                    .withEventId("e-" + i).withDeploymentId("deploy-" + (i % 7)));
            if (batch.size() == 100) {
                store.append(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.append(batch);
        }
    }

    private static long bytes(Path dir) throws IOException {
        long sum = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                sum += Files.size(p);
            }
        }
        return sum;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
