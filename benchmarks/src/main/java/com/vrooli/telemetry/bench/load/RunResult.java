package com.vrooli.telemetry.bench.load;

/**
 * What one measured run did: requests answered, events and body bytes sent, wall time, every
 * latency, the failures, and how busy the machine was meanwhile.
 *
 * @param errors     requests answered with anything but a 200 {@code accepted} (or failed outright)
 * @param firstError what the first failure was, or null
 */
record RunResult(String server, int connections, int batch, long requests, long events, long bodyBytes,
                 double seconds, LatencySamples latencies, long errors, String firstError, CpuMeter.Usage cpu) {

    double eventsPerSecond() {
        return events / seconds;
    }

    double requestsPerSecond() {
        return requests / seconds;
    }

    /** Megabytes (10^6 bytes) of request bodies per second. */
    double megabytesPerSecond() {
        return bodyBytes / seconds / 1e6;
    }

    /**
     * CPU time of this JVM (client, server, GC, JIT) per event, in microseconds: steadier than
     * events/s when other processes compete for the cores, since it counts only what this run used.
     */
    double cpuMicrosPerEvent() {
        return cpu.processCores() * seconds * 1e6 / events;
    }

    /** One line for the report. */
    String line() {
        return String.format("%-6s %,12.0f events/s %7.1f MB/s %,9.0f req/s   latency ms p50 %6.2f  p99 %6.2f"
                        + "  p999 %6.2f  max %6.2f   %.2f us cpu/event, %s%s",
                server, eventsPerSecond(), megabytesPerSecond(), requestsPerSecond(),
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.percentileMillis(0.999),
                latencies.maxMillis(), cpuMicrosPerEvent(), cpu.describe(),
                errors == 0 ? "" : String.format("   %d ERRORS, first: %s", errors, firstError));
    }
}
