package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.ScenarioScope;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload path without HTTP: {@link IngestService} over a {@link JsonlTelemetryStore}
 * ({@code fsync=batch}) fed the load driver's bodies by a few threads, each of many senders with a
 * scenario of its own, for a CPU figure that neither the client nor Undertow blur. Prints, per
 * round, the CPU the ingesting threads spent per event (their own thread CPU time) and the whole
 * process's (fsync and write-behind threads, GC and JIT included).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.load.IngestCpu
 * [threads=2] [senders=32] [batch=100] [seconds=5] [rounds=4] [warmupSeconds=15]}
 */
public final class IngestCpu {

    private IngestCpu() {
    }

    public static void main(String[] args) throws Exception {
        int threads = arg(args, 0, 2);
        int senders = arg(args, 1, 32);
        int batch = arg(args, 2, 100);
        int seconds = arg(args, 3, 5);
        int rounds = arg(args, 4, 4);
        int warmup = arg(args, 5, 15);
        Path dir = TempDirs.create(Path.of(System.getProperty("java.io.tmpdir")), "ingest-cpu-");
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.BATCH).open()) {
            IngestService ingest = IngestService.create(store, Clock.systemUTC());
            List<UploadRequests> bodies = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                bodies.add(new UploadRequests(s, batch, UploadRequests.BodyFormat.JSON, "localhost", true));
            }
            System.out.printf("%d threads, %d senders (own scenario each), %d-event JSON bodies, fsync batch%n",
                    threads, senders, batch);
            run(ingest, bodies, threads, warmup, "warm-up");
            for (int r = 1; r <= rounds; r++) {
                run(ingest, bodies, threads, seconds, "round " + r);
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void run(IngestService ingest, List<UploadRequests> bodies, int threads, int seconds, String label)
            throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong events = new AtomicLong();
        AtomicLong threadCpu = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long processStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread w = new Thread(() -> {
                long cpuStart = mx.getCurrentThreadCpuTime();
                long n = 0;
                // Each thread takes the senders t, t + threads, ... in turn: no two send the same scenario.
                for (int k = first; !stop.get(); k += threads) {
                    UploadRequests sender = bodies.get(k % bodies.size() / threads * threads + first);
                    byte[] request = sender.next();
                    int head = (int) (request.length - sender.bodyBytes(request));
                    IngestResult result = ingest.ingest(request, head, request.length - head, BodyFormat.JSON, null,
                            ScenarioScope.ALL);
                    if (result.status() != IngestResult.Status.ACCEPTED) {
                        throw new IllegalStateException("not accepted: " + result.status());
                    }
                    n += sender.eventsPerRequest();
                }
                events.addAndGet(n);
                threadCpu.addAndGet(mx.getCurrentThreadCpuTime() - cpuStart);
            }, "ingest-" + t);
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double process = os.getProcessCpuTime() - processStart;
        long n = events.get();
        System.out.printf("%-8s %,10.0f events/s   ingesting threads %.2f us cpu/event   process %.2f us cpu/event%n",
                label, n / wall, threadCpu.get() / 1e3 / n, process / 1e3 / n);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
