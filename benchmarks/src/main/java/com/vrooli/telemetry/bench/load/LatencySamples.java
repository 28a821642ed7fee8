package com.vrooli.telemetry.bench.load;

import java.util.Arrays;

/**
 * Every latency of a run, in nanoseconds, kept exactly (a run holds at most a few hundred
 * thousand requests), so percentiles are read off the sorted samples rather than a histogram's
 * buckets. One writer per instance; {@link #merge} combines the connections' samples afterwards.
 */
final class LatencySamples {

    private long[] nanos = new long[1024];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    int size() {
        return size;
    }

    /** All samples of {@code parts} in one sorted set. */
    static LatencySamples merge(Iterable<LatencySamples> parts) {
        LatencySamples all = new LatencySamples();
        for (LatencySamples p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.nanos[i]);
            }
        }
        Arrays.sort(all.nanos, 0, all.size);
        return all;
    }

    /** The {@code q} quantile (0..1) in milliseconds, nearest rank, of samples sorted by {@link #merge}. */
    double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * size) - 1;
        return nanos[Math.min(Math.max(rank, 0), size - 1)] / 1e6;
    }

    double maxMillis() {
        return size == 0 ? Double.NaN : nanos[size - 1] / 1e6;
    }
}
