package com.vrooli.telemetry.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the details maps of the standard events: null values are left out. Stateless. */
final class EventDetails {

    static final int MAX_ERROR_CHARS = 2048;
    static final int MAX_STACK_CHARS = 16 * 1024;

    private EventDetails() {
    }

    /** A map of alternating keys and values, in order, without the null values. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** A snapshot of the caller's collection (nulls kept), or null when there is none or it cannot be copied. */
    static List<Object> list(Collection<?> values) {
        if (values == null) {
            return null;
        }
        try {
            return new ArrayList<>(values);
        } catch (RuntimeException e) {
            // Changed by another thread while copied: leave it out rather than lose the event.
            return null;
        }
    }

    /** {@code error} and {@code stack} of a throwable, each cut to a size a stored line can hold. */
    static Map<String, Object> crash(Throwable t) {
        return of("error", cut(describe(t), MAX_ERROR_CHARS), "stack", cut(stackTrace(t), MAX_STACK_CHARS));
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        try {
            return t.toString();
        } catch (RuntimeException e) {
            return t.getClass().getName();
        }
    }

    static String stackTrace(Throwable t) {
        if (t == null) {
            return null;
        }
        try {
            StringWriter out = new StringWriter(1024);
            t.printStackTrace(new PrintWriter(out));
            return out.toString();
        } catch (RuntimeException e) {
            return t.getClass().getName() + " (stack trace unavailable: " + e.getClass().getName() + ")";
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
