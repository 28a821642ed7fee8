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
    record Step(long events, long fileBytes, double openSeconds, SummaryLatency.Result result) {
    }

    private SummariesPart() {
    }

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
                try (OurServer ours = OurServer.start(dir, fsync, o.dedupWindow)) {
                    double open = (System.nanoTime() - t1) / 1e9;
                    SummaryLatency.Result r = SummaryLatency.run(ours.address(), 300, o.summaryRequests,
                            o.summaryScenarios);
                    Step step = new Step(events, bytes, open, r);
                    System.out.println("  " + describe(step));
                    steps.add(step);
                }
            }
            return steps;
        } finally {
            TempDirs.delete(dir);
        }
    }

    static String describe(Step s) {
        LatencySamples l = s.result().latencies();
        return String.format("%,12d events: GET /api/v1/telemetry p50 %.2f ms  p99 %.2f ms  p999 %.2f ms  max %.2f ms"
                        + "  (%,d requests, answer %,d bytes; store opened in %.1f s)  %s",
                s.events(), l.percentileMillis(0.5), l.percentileMillis(0.99), l.percentileMillis(0.999),
                l.maxMillis(), l.size(), s.result().answerBytes(), s.openSeconds(), s.result().cpu().describe());
    }
}
