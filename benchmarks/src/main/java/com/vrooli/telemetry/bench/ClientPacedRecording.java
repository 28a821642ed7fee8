package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.DropReason;
import com.vrooli.telemetry.client.TelemetryClient;
import com.vrooli.telemetry.client.TelemetryClientBuilder;
import com.vrooli.telemetry.client.TelemetryRecorder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records at a steady rate (default 100,000 events/s) for N seconds to an upload address where
 * nothing listens, as an app under load with its server down would, and reports what was dropped
 * by reason and how big the file got. Unlike {@link ClientHeapWhileServerDown} the recorder never
 * waits for the queue: it keeps its pace, so whatever the background thread cannot absorb shows
 * up as {@code QUEUE_FULL}.
 *
 * <p>The same run first paces a recorder that does nothing (the baseline): the rate it reaches is
 * what this machine lets one thread drive at that moment, so a shortfall of the client's run can
 * be told apart from a machine too busy to pace. The file's cap defaults to 2 GiB so that the cap
 * ({@code SPOOL_FULL}) does not hide the queue's drops; pass a smaller one to see the cap work.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.ClientPacedRecording [eventsPerSecond] [seconds] [maxSpoolMiB] [queueCapacity]
 * </pre>
 */
public final class ClientPacedRecording {

    /** Events are recorded in slices of this length; each slice catches up on the pace. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Paced first and not counted, so that the run measures compiled code, as in an app that has run a while. */
    private static final int WARM_UP_SECONDS = 3;
    private static final Map<String, Object> SPIN = Map.of("segments", 8, "winner", "pizza", "spin_ms", 1200);

    private ClientPacedRecording() {
    }

    /** What one paced run reached. */
    private record Paced(long recorded, long nanos, long worstLagNanos) {
        double rate() {
            return recorded * 1e9 / nanos;
        }
    }

    /**
     * Runs the baseline, then the client.
     *
     * @param args optional: events per second, seconds, the file's cap in MiB
     * @throws IOException when the temporary directory cannot be used
     */
    public static void main(String[] args) throws IOException {
        long rate = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long capMiB = args.length > 2 ? Long.parseLong(args[2]) : 2048;
        int queue = args.length > 3 ? Integer.parseInt(args[3]) : TelemetryClientBuilder.DEFAULT_QUEUE_CAPACITY;
        System.out.printf("ClientPacedRecording: %,d events/s for %d s, server down, file cap %,d MiB, queue %,d,"
                + " %d cores, load average %.2f%n", rate, seconds, capMiB, queue, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        pace((e, d) -> { }, rate, WARM_UP_SECONDS);
        Paced baseline = pace((e, d) -> { }, rate, seconds);
        System.out.printf("baseline (a recorder that does nothing): %,.0f events/s reached, worst lag %d ms%n",
                baseline.rate(), baseline.worstLagNanos() / 1_000_000);

        Path dir = Files.createTempDirectory("client-paced-bench-");
        Path file = dir.resolve("telemetry/deployment-telemetry.jsonl");
        try {
            TelemetryClient client = ClientBenchSupport.serverDownClient(file, capMiB).queueCapacity(queue).build();
            Paced run;
            try {
                pace(client, rate, WARM_UP_SECONDS);
                ClientStats warmed = client.stats();
                Map<String, Long> cpuBefore = clientThreadsCpuNanos();
                Thread monitor = dropsPerSecond(client);
                try {
                    run = pace(client, rate, seconds);
                } finally {
                    monitor.interrupt();
                }
                ClientBenchSupport.awaitQueuedAtMost(client, 0);
                Map<String, Long> cpu = clientThreadsCpuNanos();
                cpu.replaceAll((role, nanos) -> nanos - cpuBefore.getOrDefault(role, 0L));
                long total = cpu.values().stream().mapToLong(Long::longValue).sum();
                report(run, warmed, client.stats(), file);
                System.out.printf("  the client's own threads used %,d ms of CPU: %,d ns per event recorded %s%n",
                        total / 1_000_000, total / Math.max(1, run.recorded()), cpu.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue() / 1_000_000 + " ms").toList());
            } finally {
                client.close(Duration.ofSeconds(5));
            }
        } finally {
            ClientBenchSupport.deleteTree(dir);
        }
    }

    /**
     * CPU time used so far by the client's own threads (its background thread, the forcing thread,
     * the HTTP threads): a cost that, unlike drops, does not depend on how busy the machine is.
     */
    private static Map<String, Long> clientThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byRole = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("telemetry-client-")) {
                String name = t.getThreadName();
                String role = name.substring(name.lastIndexOf('-', name.endsWith("-worker") || name.endsWith("-fsync")
                        ? name.length() : name.lastIndexOf('-') - 1) + 1).replaceAll("-[0-9]+$", "");
                byRole.merge(role, Math.max(0, threads.getThreadCpuTime(t.getThreadId())), Long::sum);
            }
        }
        return byRole;
    }

    /** Prints, each second, the events dropped for a full queue in that second (when there were any). */
    private static Thread dropsPerSecond(TelemetryClient client) {
        Thread t = new Thread(() -> {
            long last = client.stats().dropped(DropReason.QUEUE_FULL);
            for (int second = 1; !Thread.currentThread().isInterrupted(); second++) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                long now = client.stats().dropped(DropReason.QUEUE_FULL);
                if (now > last) {
                    System.out.printf("  second %d: %,d dropped (QUEUE_FULL)%n", second, now - last);
                }
                last = now;
            }
        }, "paced-bench-monitor");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Calls {@code recorder} at {@code rate} per second for {@code seconds}, catching up when behind. */
    private static Paced pace(TelemetryRecorder recorder, long rate, int seconds) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long total = rate * seconds;
        long done = 0;
        long worstLag = 0;
        while (done < total) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) * (rate / 1e9)) + 1);
            if (done >= due) {
                long nextAt = start + (long) (done * (1e9 / rate));
                LockSupport.parkNanos(Math.min(SLICE_NANOS, Math.max(1_000, nextAt - now)));
                continue;
            }
            worstLag = Math.max(worstLag, now - (start + (long) (done * (1e9 / rate))));
            while (done < due) {
                recorder.record("wheel_spun", SPIN);
                done++;
            }
        }
        return new Paced(done, Math.max(System.nanoTime() - start, end - start), worstLag);
    }

    private static void report(Paced run, ClientStats before, ClientStats after, Path file) throws IOException {
        System.out.printf("client, server down: %,.0f events/s reached, worst lag %d ms%n", run.rate(),
                run.worstLagNanos() / 1_000_000);
        long recorded = after.recorded() - before.recorded();
        System.out.printf("  recorded %,d  spooled %,d  rejected %d%n", recorded, after.spooled() - before.spooled(),
                after.rejected() - before.rejected());
        for (DropReason r : DropReason.values()) {
            long n = after.dropped(r) - before.dropped(r);
            System.out.printf("  dropped %-11s %,d (%.3f%%)%n", r, n, 100.0 * n / Math.max(1, recorded));
        }
        System.out.printf("  file %,d bytes  pending %,d  failed uploads %d%n", Files.size(file), after.pending(),
                after.failedUploads());
    }
}
