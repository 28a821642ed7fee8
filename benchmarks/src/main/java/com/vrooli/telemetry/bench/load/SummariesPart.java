package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Part (c): {@code GET /api/v1/telemetry} latency over many scenarios, at growing numbers of
 * stored events. The directory is filled directly with stored lines, then the real store opens
 * it (rebuilding its aggregates) under the real server, for each step.
 */
final class SummariesPart {

    /** One step: how many events were stored, how long the store took to open, and the GET latencies. */
    record Step(long events, long fileBytes, double openSeconds, SummaryLatency.Result result,
                SummaryLatency.Result plain) {
    }

    private SummariesPart() {
    }

    /**
     * Requests before measuring, per encoding: on two cores the JIT compiler takes one of them for
     * a few seconds after the store opens, and 300 requests (about a second) left it compiling
     * through the measured ones.
     */
    private static final int WARMUP = 1500;

    static List<Step> run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-summaries-");
        List<Step> steps = new ArrayList<>();
        try {
            StoredEventsWriter writer = new StoredEventsWriter(dir, o.summaryScenarios);
            for (long events : o.summaryEvents) {
                long t0 = System.nanoTime();
                writer.fillTo(events);
                long bytes = TempDirs.size(dir);
                System.out.printf("  wrote %,d events in %,d scenarios (%,.0f MB of files) in %.1f s%n", events,
                        o.summaryScenarios, bytes / 1e6, (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                try (StoreServer ours = StoreServer.jsonl(dir, fsync, o.dedupWindow)) {
                    double open = (System.nanoTime() - t1) / 1e9;
                    SummaryLatency.Result plain = SummaryLatency.run(ours.address(), WARMUP, o.summaryRequests,
                            o.summaryScenarios, false);
                    SummaryLatency.Result r = SummaryLatency.run(ours.address(), WARMUP, o.summaryRequests,
                            o.summaryScenarios, true);
                    Step step = new Step(events, bytes, open, r, plain);
                    System.out.println("  " + describe(step.events(), "plain", plain, open));
                    System.out.println("  " + describe(step.events(), "gzip", r, open));
                    steps.add(step);
                }
            }
            return steps;
        } finally {
            TempDirs.delete(dir);
        }
    }

    static String describe(long events, String encoding, SummaryLatency.Result r, double openSeconds) {
        LatencySamples l = r.latencies();
        return String.format("%,12d events, %-5s: GET /api/v1/telemetry p50 %.2f ms  p99 %.2f ms  p999 %.2f ms"
                        + "  max %.2f ms  (%,d requests, answer %,d bytes; store opened in %.1f s)  %s",
                events, encoding, l.percentileMillis(0.5), l.percentileMillis(0.99), l.percentileMillis(0.999),
                l.maxMillis(), l.size(), r.answerBytes(), openSeconds, r.cpu().describe());
    }
}
