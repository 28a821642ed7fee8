package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes plain Java values as JSON without data binding, so any map a caller builds is encodable.
 * The text it writes is text the decoder accepts again: unpaired surrogates are replaced by U+FFFD,
 * and numbers or keys longer than the decoder's limits, nesting deeper than its limit and keys
 * that collide once written are refused.
 */
final class DetailsWriter {

    /** Depth of the innermost container allowed, the details map itself being depth 0. */
    private static final int MAX_DEPTH = TelemetryJson.MAX_DETAILS_DEPTH - 1;

    private DetailsWriter() {
    }

    static void writeMap(JsonGenerator g, Map<?, ?> map, int depth) throws IOException {
        checkDepth(depth);
        g.writeStartObject();
        Set<String> names = new HashSet<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IOException("details keys must not be null");
            }
            String name = Utf16.replaceUnpaired(e.getKey().toString());
            if (name.length() > TelemetryJson.MAX_NAME_LENGTH) {
                throw new IOException("a key is longer than " + TelemetryJson.MAX_NAME_LENGTH + " characters");
            }
            // Keys of different types (1 and "1") or with different broken surrogates can collide.
            if (!names.add(name)) {
                throw new IOException("key '" + JsonErrors.quote(name) + "' appears twice");
            }
            g.writeFieldName(name);
            writeValue(g, e.getValue(), depth + 1);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v, int depth) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString(Utf16.replaceUnpaired((String) v));
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                g.writeString(Double.toString(d));
            } else if (v instanceof Float) {
                // Float.toString, not the widened double: 0.1f is written 0.1, not 0.10000000149011612.
                g.writeNumber((Float) v);
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof BigDecimal || v instanceof BigInteger) {
            writeBigNumber(g, v.toString());
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
        } else {
            g.writeString(Utf16.replaceUnpaired(v.toString()));
        }
    }

    private static void writeBigNumber(JsonGenerator g, String text) throws IOException {
        if (text.length() > TelemetryJson.MAX_NUMBER_LENGTH) {
            throw new IOException("a number is longer than " + TelemetryJson.MAX_NUMBER_LENGTH + " characters");
        }
        g.writeNumber(text);
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("details nest deeper than " + TelemetryJson.MAX_DETAILS_DEPTH + " levels");
        }
    }
}
