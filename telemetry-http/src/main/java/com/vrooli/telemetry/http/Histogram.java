package com.vrooli.telemetry.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets per combination of label values, written as cumulative
 * {@code _bucket}, {@code _sum} and {@code _count} samples. Thread-safe; {@code _count} always
 * equals the {@code +Inf} bucket of the same scrape.
 */
final class Histogram implements PrometheusRegistry.Family {

    private final String name;
    private final String help;
    private final double[] bounds;
    private final List<String> labelNames;
    private final Map<List<String>, Cells> series = new ConcurrentHashMap<>();

    Histogram(String name, String help, double[] bounds, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        for (int i = 1; i < this.bounds.length; i++) {
            if (!(this.bounds[i] > this.bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(bounds));
            }
        }
        this.labelNames = List.copyOf(labelNames);
    }

    @Override
    public String name() {
        return name;
    }

    /** Records one observation. */
    void observe(double value, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        Cells c = series.computeIfAbsent(List.of(labelValues), k -> new Cells(bounds.length + 1));
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        c.buckets[i].increment();
        c.sum.add(value);
    }

    /** How many observations the series holds. */
    long count(String... labelValues) {
        Cells c = series.get(List.of(labelValues));
        if (c == null) {
            return 0;
        }
        long n = 0;
        for (LongAdder b : c.buckets) {
            n += b.sum();
        }
        return n;
    }

    @Override
    public void writeTo(StringBuilder out) {
        PrometheusRegistry.header(out, name, help, "histogram");
        List<List<String>> keys = new ArrayList<>(series.keySet());
        if (keys.isEmpty() && labelNames.isEmpty()) {
            keys.add(List.of());
        }
        keys.sort(Counter::compareLabels);
        for (List<String> k : keys) {
            Cells c = series.getOrDefault(k, new Cells(bounds.length + 1));
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += c.buckets[i].sum();
                out.append(name).append("_bucket");
                String le = i < bounds.length ? PrometheusRegistry.number(bounds[i]) : "+Inf";
                PrometheusRegistry.labels(out, labelNames, k, "le", le);
                out.append(' ').append(cumulative).append('\n');
            }
            out.append(name).append("_sum");
            PrometheusRegistry.labels(out, labelNames, k, null, null);
            out.append(' ').append(PrometheusRegistry.number(c.sum.sum())).append('\n');
            out.append(name).append("_count");
            PrometheusRegistry.labels(out, labelNames, k, null, null);
            out.append(' ').append(cumulative).append('\n');
        }
    }

    private static final class Cells {
        final LongAdder[] buckets;
        final DoubleAdder sum = new DoubleAdder();

        Cells(int n) {
            buckets = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }
}
