package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Part (b): upload latency at a fixed rate. First the maximum with the same shape of load
 * (closed loop, same connections and batch size), then an open-loop run at half of it (or at
 * {@code --rate}), latency counted from each request's intended send time. The naive server then
 * takes the same fixed-rate load, as a reference for what the machine and its disk allow.
 */
final class LatencyPart {

    /**
     * The maximum found, the fixed-rate run, and the naive server under the same fixed-rate load
     * (what the same disk, forced once per request, allows).
     */
    record Outcome(RunResult max, double targetEventsPerSecond, RunResult fixedRate, RunResult naiveFixedRate) {
    }

    private LatencyPart() {
    }

    static Outcome run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-latency-");
        try (StoreServer ours = StoreServer.jsonl(dir, fsync, o.dedupWindow)) {
            UploadWorkload load = new UploadWorkload(o.latencyConnections, o.latencyBatch, o.format, ours.address(),
                    o.scenarioPerConnection);
            List<RunResult> warmup = WarmUp.run(ours, load, o.warmup);
            RunResult max = ClosedLoop.run(ours, load, o.seconds, 0);
            System.out.println("  maximum   " + max.line());
            double eventsPerSecond = o.rate > 0 ? o.rate : max.eventsPerSecond() / 2;
            System.out.printf("  fixed rate: %,.0f events/s = %,.0f requests/s of %d events over %d connections,"
                            + " %.0f s%n", eventsPerSecond, eventsPerSecond / o.latencyBatch, o.latencyBatch,
                    o.latencyConnections, o.latencySeconds);
            RunResult fixed = OpenLoop.run(ours, load, eventsPerSecond / o.latencyBatch, o.latencySeconds);
            System.out.println("  open loop " + fixed.line());
            ThroughputPart.checkStored(ours, warmup, List.of(max, fixed));
            RunResult naive = naiveAtSameRate(o, fsync, eventsPerSecond);
            return new Outcome(max, eventsPerSecond, fixed, naive);
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** The naive server, warmed up the same way, under the same open-loop load. */
    private static RunResult naiveAtSameRate(LoadOptions o, FsyncPolicy fsync, double eventsPerSecond)
            throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-latency-naive-");
        try (NaiveIngestServer naive = NaiveIngestServer.start(dir.resolve("events.jsonl"),
                fsync != FsyncPolicy.NEVER)) {
            UploadWorkload load = new UploadWorkload(o.latencyConnections, o.latencyBatch, o.format, naive.address(),
                    o.scenarioPerConnection);
            WarmUp.run(naive, load, o.warmup);
            RunResult fixed = OpenLoop.run(naive, load, eventsPerSecond / o.latencyBatch, o.latencySeconds);
            System.out.println("  open loop " + fixed.line() + "   (naive, same rate: for reference)");
            return fixed;
        } finally {
            TempDirs.delete(dir);
        }
    }
}
