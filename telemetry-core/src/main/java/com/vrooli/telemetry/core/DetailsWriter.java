package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Map;

/** Writes plain Java values as JSON without data binding, so any map a caller builds is encodable. */
final class DetailsWriter {

    private static final int MAX_DEPTH = TelemetryJson.MAX_NESTING_DEPTH - 2;

    private DetailsWriter() {
    }

    static void writeMap(JsonGenerator g, Map<?, ?> map, int depth) throws IOException {
        checkDepth(depth);
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IOException("details keys must not be null");
            }
            g.writeFieldName(e.getKey().toString());
            writeValue(g, e.getValue(), depth + 1);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v, int depth) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof Map) {
            writeMap(g, (Map<?, ?>) v, depth);
        } else if (v instanceof Iterable) {
            checkDepth(depth);
            g.writeStartArray();
            for (Object item : (Iterable<?>) v) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof Object[]) {
            checkDepth(depth);
            g.writeStartArray();
            for (Object item : (Object[]) v) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof TemporalAccessor || v instanceof Enum || v instanceof CharSequence) {
            g.writeString(v.toString());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("details nest deeper than " + MAX_DEPTH + " levels");
        }
    }
}
