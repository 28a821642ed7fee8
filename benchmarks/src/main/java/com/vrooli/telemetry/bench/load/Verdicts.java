package com.vrooli.telemetry.bench.load;

import java.util.List;

/** The closing summary: each issue 5 target, the measured figure, met or not. */
final class Verdicts {

    static final double MIN_RATIO = 1.0;
    static final double MIN_EVENTS_PER_SECOND = 500_000;
    static final double MAX_UPLOAD_P99_MILLIS = 10;
    static final double MAX_SUMMARIES_P99_MILLIS = 2;

    private Verdicts() {
    }

    /** Prints the verdicts of the parts that ran; false when any run had failed requests. */
    static boolean print(ThroughputPart.Outcome throughput, LatencyPart.Outcome latency,
                         List<SummariesPart.Step> summaries) {
        LoadDriver.heading("results against the issue 5 targets");
        boolean clean = true;
        if (throughput != null) {
            RunResult ours = throughput.ours();
            RunResult naive = throughput.naive();
            line(String.format("ingest, median round: ours %,.0f events/s (%.1f MB/s), naive %,.0f events/s"
                            + " (%.1f MB/s)", ours.eventsPerSecond(), ours.megabytesPerSecond(),
                    naive.eventsPerSecond(), naive.megabytesPerSecond()), null);
            line(String.format("ours / naive = %.2fx (target >= %.1fx)", throughput.ratio(), MIN_RATIO),
                    throughput.ratio() >= MIN_RATIO);
            line(String.format("cpu per event, median round: ours %.2f us, naive %.2f us; naive / ours = %.2fx"
                            + " (above 1: ours is leaner; steadier than events/s on a busy machine)", throughput.oursCpuMicros(),
                    throughput.naiveCpuMicros(), throughput.cpuRatio()), null);
            line(String.format("ours %,.0f events/s (target >= %,.0f on a 2-core machine)", ours.eventsPerSecond(),
                    MIN_EVENTS_PER_SECOND), ours.eventsPerSecond() >= MIN_EVENTS_PER_SECOND);
            line(String.format("upload latency at max (ours): p50 %.2f ms, p99 %.2f ms, p999 %.2f ms",
                    ours.latencies().percentileMillis(0.5), ours.latencies().percentileMillis(0.99),
                    ours.latencies().percentileMillis(0.999)), null);
            clean &= ours.errors() == 0 && naive.errors() == 0;
        }
        if (latency != null) {
            RunResult f = latency.fixedRate();
            double p99 = f.latencies().percentileMillis(0.99);
            line(String.format("fixed rate %,.0f events/s (half of %,.0f): achieved %,.0f events/s; p50 %.2f ms,"
                            + " p99 %.2f ms (target < %.0f ms), p999 %.2f ms", latency.targetEventsPerSecond(),
                    latency.max().eventsPerSecond(), f.eventsPerSecond(), f.latencies().percentileMillis(0.5), p99,
                    MAX_UPLOAD_P99_MILLIS, f.latencies().percentileMillis(0.999)), p99 < MAX_UPLOAD_P99_MILLIS);
            RunResult n = latency.naiveFixedRate();
            line(String.format("  (naive at the same rate: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms)",
                    n.latencies().percentileMillis(0.5), n.latencies().percentileMillis(0.99),
                    n.latencies().percentileMillis(0.999)), null);
            clean &= f.errors() == 0 && latency.max().errors() == 0 && n.errors() == 0;
        }
        if (summaries != null) {
            for (SummariesPart.Step s : summaries) {
                double p99 = s.result().latencies().percentileMillis(0.99);
                line(String.format("summaries at %,d events, gzip'd (%,d bytes): p50 %.2f ms, p99 %.2f ms"
                                + " (target < %.0f ms)", s.events(), s.result().answerBytes(),
                        s.result().latencies().percentileMillis(0.5), p99, MAX_SUMMARIES_P99_MILLIS),
                        p99 < MAX_SUMMARIES_P99_MILLIS);
                line(String.format("  (plain, %,d bytes: p50 %.2f ms, p99 %.2f ms)", s.plain().answerBytes(),
                        s.plain().latencies().percentileMillis(0.5), s.plain().latencies().percentileMillis(0.99)),
                        null);
            }
        }
        if (!clean) {
            System.out.println("SOME REQUESTS FAILED: the figures above are not valid");
        }
        return clean;
    }

    private static void line(String text, Boolean met) {
        System.out.println((met == null ? "        " : met ? "  MET   " : "  NOT   ") + text);
    }
}
