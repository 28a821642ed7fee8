package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds one top-level value of a details object without parsing the whole object into a map:
 * rebuilding summaries reads a version or platform of every start event, and a map per event cost
 * a quarter of a cold open. The common case (a key without escapes whose value is a string without
 * escapes) is read straight from the bytes, skipping the other values structurally; anything else
 * (an escape, a number, a nested value, text that is not in the expected shape) is read with
 * Jackson's streaming parser, which yields the same values as {@link Details#asMap()}. Stateless.
 */
final class DetailsLookup {

    /** Returned by the byte scan when the parser has to decide. */
    private static final Object ASK_PARSER = new Object();

    private DetailsLookup() {
    }

    /** The value of {@code key} at the top level of the object {@code json}, or null when absent. */
    static Object get(byte[] json, String key) {
        Object fast = scan(json, key.getBytes(StandardCharsets.UTF_8));
        return fast == ASK_PARSER ? parse(json, key) : fast;
    }

    private static Object scan(byte[] b, byte[] key) {
        int i = skipSpace(b, 0);
        if (i >= b.length || b[i] != '{') {
            return ASK_PARSER;
        }
        i = skipSpace(b, i + 1);
        if (i < b.length && b[i] == '}') {
            return null;
        }
        while (i < b.length) {
            if (b[i] != '"') {
                return ASK_PARSER;
            }
            int keyEnd = plainStringEnd(b, i + 1);
            if (keyEnd < 0) {
                return ASK_PARSER;
            }
            boolean match = keyEnd - i - 1 == key.length
                    && Arrays.equals(b, i + 1, keyEnd, key, 0, key.length);
            i = skipSpace(b, keyEnd + 1);
            if (i >= b.length || b[i] != ':') {
                return ASK_PARSER;
            }
            i = skipSpace(b, i + 1);
            if (match) {
                if (i >= b.length || b[i] != '"') {
                    return ASK_PARSER;
                }
                int end = plainStringEnd(b, i + 1);
                return end < 0 ? ASK_PARSER : new String(b, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = skipValue(b, i);
            if (i < 0) {
                return ASK_PARSER;
            }
            i = skipSpace(b, i);
            if (i < b.length && b[i] == '}') {
                return null;
            }
            if (i >= b.length || b[i] != ',') {
                return ASK_PARSER;
            }
            i = skipSpace(b, i + 1);
        }
        return ASK_PARSER;
    }

    /** The index of the quote closing a string that starts at {@code i}; -1 when it has an escape or no end. */
    private static int plainStringEnd(byte[] b, int i) {
        for (; i < b.length; i++) {
            if (b[i] == '"') {
                return i;
            }
            if (b[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** The index just after the value starting at {@code i}; -1 when its end is not found. */
    private static int skipValue(byte[] b, int i) {
        int depth = 0;
        while (i < b.length) {
            byte c = b[i];
            if (c == '"') {
                i = stringEnd(b, i + 1);
                if (i < 0) {
                    return -1;
                }
                i++;
                if (depth == 0) {
                    return i;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The index of the quote closing a string that starts at {@code i}, escapes skipped; -1 when none. */
    private static int stringEnd(byte[] b, int i) {
        for (; i < b.length; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static Object parse(byte[] json, String key) {
        try (JsonParser p = TelemetryJson.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("details are not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean match = key.equals(p.currentName());
                p.nextToken();
                if (match) {
                    return TelemetryJson.mapper().readValue(p, Object.class);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
