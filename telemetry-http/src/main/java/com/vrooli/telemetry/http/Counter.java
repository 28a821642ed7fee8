package com.vrooli.telemetry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per combination of label values. Thread-safe. */
final class Counter implements PrometheusRegistry.Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    @Override
    public String name() {
        return name;
    }

    /** Adds {@code n} (ignored when not positive) to the sample with these label values. */
    void add(long n, String... labelValues) {
        if (n <= 0) {
            return;
        }
        values.computeIfAbsent(key(labelValues), k -> new LongAdder()).add(n);
    }

    void inc(String... labelValues) {
        add(1, labelValues);
    }

    /** The current value of one sample, 0 when it was never incremented. */
    long value(String... labelValues) {
        LongAdder a = values.get(List.of(labelValues));
        return a == null ? 0 : a.sum();
    }

    private List<String> key(String[] labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        return List.of(labelValues);
    }

    @Override
    public void writeTo(StringBuilder out) {
        PrometheusRegistry.header(out, name, help, "counter");
        if (labelNames.isEmpty() && values.isEmpty()) {
            out.append(name).append(" 0\n");
            return;
        }
        List<List<String>> keys = new ArrayList<>(values.keySet());
        keys.sort(Counter::compareLabels);
        for (List<String> k : keys) {
            out.append(name);
            PrometheusRegistry.labels(out, labelNames, k, null, null);
            out.append(' ').append(values.get(k).sum()).append('\n');
        }
    }

    static int compareLabels(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
