package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Part (b): upload latency at a fixed rate. First the maximum with the same shape of load
 * (closed loop, same connections and batch size), then an open-loop run at half of it (or at
 * {@code --rate}), latency counted from each request's intended send time.
 */
final class LatencyPart {

    /** The maximum found and the fixed-rate run. */
    record Outcome(RunResult max, double targetEventsPerSecond, RunResult fixedRate) {
    }

    private LatencyPart() {
    }

    static Outcome run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-latency-");
        try (OurServer ours = OurServer.start(dir, fsync, o.dedupWindow)) {
            UploadWorkload load = new UploadWorkload(o.latencyConnections, o.latencyBatch, o.format, ours.address());
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
            return new Outcome(max, eventsPerSecond, fixed);
        } finally {
            TempDirs.delete(dir);
        }
    }
}
