package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.TelemetryClient;
import com.vrooli.telemetry.client.TelemetryClientBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * End-to-end upload throughput of one client to a server in this process: N events recorded by
 * one thread, written to the client's file (forced to disk, the default) and uploaded in gzip'd
 * batches to {@link InMemoryUploadServer} (core's ingest service over the in-memory store behind
 * Undertow). The clock runs from the first {@code record} to {@code flush} returning true;
 * events/s is N over that time. The recording thread keeps the queue from overflowing (it waits
 * while the queue is nearly full) so every event is delivered; each round checks that the server
 * stored exactly N, once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.ClientUploadThroughput [events] [rounds] [batchEvents]
 * </pre>
 * Defaults: 200000 events, 5 measured rounds after one warm-up round, 500 events per batch (the
 * client's default).
 */
public final class ClientUploadThroughput {

    private static final int CHUNK = 1024;
    private static final String SCENARIO = "picker-wheel";
    private static final Map<String, Object> SPIN = Map.of("segments", 8, "winner", "pizza", "spin_ms", 1200);

    /** One round's figures. */
    private record Round(long events, long nanos, long recordNanos, long cpuNanos, long fileBytes, long requests,
                         ClientStats stats, long stored, long duplicates) {
        double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        boolean exact() {
            return stored == events && stats.uploaded() == events && duplicates == 0 && stats.droppedTotal() == 0;
        }
    }

    private ClientUploadThroughput() {
    }

    /**
     * Runs the rounds and prints each one and the median.
     *
     * @param args optional: events per round, measured rounds, events per upload batch
     * @throws IOException when a temporary directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : TelemetryClientBuilder.DEFAULT_MAX_BATCH_EVENTS;
        System.out.printf("ClientUploadThroughput: %d events per round, %d rounds, %d events per batch, %d cores%n",
                events, rounds, batch, Runtime.getRuntime().availableProcessors());
        boolean exact = print("warm-up", round(Math.max(10_000, events / 4), batch));
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            Round r = round(events, batch);
            exact &= print("round " + i, r);
            rates.add(r.eventsPerSecond());
        }
        Collections.sort(rates);
        System.out.printf("median: %,.0f events/s (min %,.0f, max %,.0f)%n",
                rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
        if (!exact) {
            System.exit(1);
        }
    }

    private static Round round(int events, int batch) throws IOException {
        Path dir = Files.createTempDirectory("client-upload-bench-");
        Path file = dir.resolve("telemetry/deployment-telemetry.jsonl");
        try (InMemoryUploadServer server = InMemoryUploadServer.start()) {
            TelemetryClient client = TelemetryClient.builder()
                    .scenario(SCENARIO)
                    .deploymentId("deploy-123")
                    .spoolFile(file)
                    .uploadTo(server.uploadUri())
                    .maxBatchEvents(batch)
                    .closeOnShutdown(false)
                    .build();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                if (i % CHUNK == 0) {
                    ClientBenchSupport.awaitRoomFor(client, CHUNK);
                }
                recordOne(client, i);
            }
            long recorded = System.nanoTime();
            boolean flushed = client.flush(Duration.ofMinutes(10));
            long end = System.nanoTime();
            long cpu = processCpuNanos() - cpuStart;
            long fileBytes = Files.size(file);
            client.close();
            if (!flushed) {
                throw new IllegalStateException("flush did not finish: " + ClientBenchSupport.describe(client.stats()));
            }
            return new Round(events, end - start, recorded - start, cpu, fileBytes, server.requests(), client.stats(),
                    server.stored(SCENARIO), server.duplicates());
        } finally {
            ClientBenchSupport.deleteTree(dir);
        }
    }

    /** A mix like an app's: lifecycle, a custom event with details, service events and failures. */
    private static void recordOne(TelemetryClient client, int i) {
        switch (i % 10) {
            case 0:
                client.appStart("1.0.0", "linux-x64", "desktop");
                break;
            case 1:
                client.serviceStarted("api", 4242, 47710);
                break;
            case 2:
                client.dependencyUnreachable("api", "postgres", "connection refused: 127.0.0.1:5432");
                break;
            case 3:
                client.migrationFailed("42", "column \"color\" already exists");
                break;
            default:
                client.record("wheel_spun", SPIN);
                break;
        }
    }

    /** Prints one round; returns whether the server stored every event exactly once. */
    private static boolean print(String label, Round r) {
        System.out.printf("%-8s %,9.0f events/s  %6.1f MB/s of lines  %,d events in %.3f s (recording took %.3f s),"
                        + " process CPU %.0f%% of one core, %d requests, server stored %d%s; %s%n",
                label, r.eventsPerSecond(), r.fileBytes() * 1e3 / r.nanos(), r.events(), r.nanos() / 1e9,
                r.recordNanos() / 1e9, 100.0 * r.cpuNanos() / r.nanos(), r.requests(), r.stored(),
                r.exact() ? " (all, once)" : " (MISMATCH: expected " + r.events() + " stored once)",
                ClientBenchSupport.describe(r.stats()));
        return r.exact();
    }

    /** CPU time of the whole process (client, server, JIT and GC), or 0 where the JDK does not tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }
}
