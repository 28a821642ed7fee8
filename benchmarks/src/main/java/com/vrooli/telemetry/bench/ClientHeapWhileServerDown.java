package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.TelemetryClient;
import com.vrooli.telemetry.client.TelemetryClientBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Shows that a client whose server is down keeps its backlog in the file, not on the heap: it
 * records N events (default 2 million) to an upload address where nothing listens, and prints
 * the heap used after a full GC before, at checkpoints and after, with the file size and the
 * client's counts. The recording thread waits while the queue is nearly full, so every event
 * reaches the file (or is dropped by the file's cap, counted) rather than being dropped at the
 * queue; the queue itself is bounded at 8192 events whatever the caller does.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.ClientHeapWhileServerDown [events] [maxSpoolMiB]
 * </pre>
 * {@code maxSpoolMiB} defaults to the client's 50 MiB; give a larger cap to keep every event in
 * the file.
 */
public final class ClientHeapWhileServerDown {

    private static final int CHUNK = 1024;
    private static final int WARM_UP_EVENTS = 200_000;
    private static final Map<String, Object> SPIN = Map.of("segments", 8, "winner", "pizza", "spin_ms", 1200);

    private ClientHeapWhileServerDown() {
    }

    /**
     * Runs the demonstration.
     *
     * @param args optional: events to record, the file's cap in MiB
     * @throws IOException when the temporary directory cannot be used
     */
    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        long capMiB = args.length > 1 ? Long.parseLong(args[1]) : TelemetryClientBuilder.DEFAULT_MAX_SPOOL_BYTES >> 20;
        Path dir = Files.createTempDirectory("client-heap-bench-");
        Path file = dir.resolve("telemetry/deployment-telemetry.jsonl");
        TelemetryClient client = ClientBenchSupport.serverDownClient(file, capMiB).build();
        try {
            System.out.printf("ClientHeapWhileServerDown: %,d events to a server that is down, file cap %d MiB,"
                    + " max heap %d MiB%n", events, capMiB, Runtime.getRuntime().maxMemory() >> 20);
            record(client, WARM_UP_EVENTS);
            long before = usedAfterGc();
            report("before (after warm-up)", before, before, file, client.stats());
            int step = Math.max(CHUNK, events / 4);
            for (int done = 0; done < events; done += step) {
                record(client, Math.min(step, events - done));
                report(String.format("after %,d", Math.min(done + step, events)), usedAfterGc(), before, file,
                        client.stats());
            }
        } finally {
            client.close();
            ClientBenchSupport.deleteTree(dir);
        }
    }

    private static void record(TelemetryClient client, int events) {
        for (int i = 0; i < events; i++) {
            if (i % CHUNK == 0) {
                ClientBenchSupport.awaitRoomFor(client, CHUNK);
            }
            client.record("wheel_spun", SPIN);
        }
        ClientBenchSupport.awaitQueuedAtMost(client, 0);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void report(String label, long used, long before, Path file, ClientStats s) throws IOException {
        System.out.printf("%-24s heap used after GC %7.2f MiB (%+7.2f MiB)  file %6.1f MiB  %s%n", label,
                used / 1048576.0, (used - before) / 1048576.0, Files.size(file) / 1048576.0,
                ClientBenchSupport.describe(s));
    }
}
