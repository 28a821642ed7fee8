package com.vrooli.telemetry.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A minimal metrics registry written out in the Prometheus text exposition format 0.0.4:
 * counters and histograms with labels, and gauges read at scrape time. Families are written in
 * registration order, samples sorted by label values, so the output is stable. Thread-safe.
 */
final class PrometheusRegistry {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final List<Family> families = new ArrayList<>();

    /** A family of samples: writes its HELP, TYPE and sample lines. */
    interface Family {
        String name();

        void writeTo(StringBuilder out);
    }

    synchronized Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(checkName(name), help, List.of(labelNames)));
    }

    synchronized Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(new Histogram(checkName(name), help, buckets, List.of(labelNames)));
    }

    synchronized void gauge(String name, String help, DoubleSupplier value) {
        String checked = checkName(name);
        register(new Family() {
            @Override
            public String name() {
                return checked;
            }

            @Override
            public void writeTo(StringBuilder out) {
                header(out, checked, help, "gauge");
                out.append(checked).append(' ').append(number(value.getAsDouble())).append('\n');
            }
        });
    }

    /** The whole exposition text. */
    String scrape() {
        List<Family> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(families);
        }
        StringBuilder out = new StringBuilder(4096);
        for (Family f : snapshot) {
            f.writeTo(out);
        }
        return out.toString();
    }

    private <F extends Family> F register(F family) {
        for (Family f : families) {
            if (f.name().equals(family.name())) {
                throw new IllegalArgumentException("metric " + family.name() + " is already registered");
            }
        }
        families.add(family);
        return family;
    }

    private static String checkName(String name) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("not a valid metric name: " + name);
        }
        return name;
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Appends {@code {a="x",b="y"}} (nothing when there are no labels). */
    static void labels(StringBuilder out, List<String> names, List<String> values, String extraName,
                       String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"").append(escape(values.get(i))).append('"');
        }
        if (extraName != null) {
            if (!names.isEmpty()) {
                out.append(',');
            }
            out.append(extraName).append("=\"").append(extraValue).append('"');
        }
        out.append('}');
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A number as Prometheus reads it: integers without a fraction, others in plain notation. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
