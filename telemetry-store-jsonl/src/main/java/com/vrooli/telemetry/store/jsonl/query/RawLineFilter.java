package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.EventCatalogue;
import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventQuery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An exact pre-check of a query's event-type, level and deployment filters on a stored line's raw
 * bytes, so that lines a query rejects are never decoded and cost no allocation.
 *
 * <p>It reads the stored shape's first keys, {@code {"ts":"…","scenario":"…",["deployment_id":"…",]"event":"…"},
 * in that order, as the line codec writes them. The decoder takes a key's first value or refuses a
 * line that repeats it, so a line whose leading keys are these values can only decode to them. When
 * the line has another shape, a backslash where none belongs, or an answer that needs more than
 * these bytes ({@code service_stopped}'s level depends on its exit code; a deployment id filter on
 * a line without one before its event), the answer is "maybe" and the line is decoded. False means
 * "certainly does not match". Not thread-safe: one per query.
 */
final class RawLineFilter {

    private static final byte[] TS = ascii("{\"ts\":\"");
    private static final byte[] SCENARIO = ascii("\",\"scenario\":\"");
    private static final byte[] DEPLOYMENT = ascii("\",\"deployment_id\":\"");
    private static final byte[] EVENT = ascii("\",\"event\":\"");
    private static final byte[] LEVEL_DEPENDS_ON_DETAILS = ascii("service_stopped");
    private static final int MAX_CACHED_NAMES = 256;

    private final byte[][] eventTypes;
    private final EventLevel minLevel;
    private final byte[] deploymentId;
    /** Event names seen so far and whether their level passes (their level never depends on details). */
    private byte[][] names = new byte[16][];
    private boolean[] namePasses = new boolean[16];
    private int nameCount;

    private RawLineFilter(EventQuery query) {
        this.eventTypes = query.eventTypes().isEmpty() ? null
                : query.eventTypes().stream().map(RawLineFilter::utf8).toArray(byte[][]::new);
        this.minLevel = query.minLevel() == null || query.minLevel() == EventLevel.INFO ? null : query.minLevel();
        this.deploymentId = query.deploymentId() == null ? null : utf8(query.deploymentId());
    }

    /** The pre-check of a query, or null when the query has none of these filters. */
    static RawLineFilter of(EventQuery query) {
        RawLineFilter f = new RawLineFilter(query);
        return f.eventTypes == null && f.minLevel == null && f.deploymentId == null ? null : f;
    }

    /** False only when the line certainly does not match the query. */
    boolean mayMatch(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = expect(b, offset, end, TS);
        p = p < 0 ? -1 : plainString(b, p, end);
        p = p < 0 ? -1 : expect(b, p, end, SCENARIO);
        p = p < 0 ? -1 : plainString(b, p, end);
        if (p < 0) {
            return true;
        }
        int deploymentStart = -1;
        int deploymentEnd = -1;
        boolean deploymentEscaped = false;
        int d = expect(b, p, end, DEPLOYMENT);
        if (d >= 0) {
            deploymentStart = d;
            while (d < end && b[d] != '"') {
                if (b[d] == '\\') {
                    deploymentEscaped = true;
                    d++;
                }
                d++;
            }
            if (d >= end) {
                return true;
            }
            deploymentEnd = d;
            p = d;
        }
        int eventStart = expect(b, p, end, EVENT);
        int eventEnd = eventStart < 0 ? -1 : plainString(b, eventStart, end);
        if (eventEnd < 0) {
            return true;
        }
        if (eventTypes != null && !isOneOf(b, eventStart, eventEnd)) {
            return false;
        }
        if (minLevel != null && !levelMayPass(b, eventStart, eventEnd)) {
            return false;
        }
        if (deploymentId != null && deploymentStart >= 0 && !deploymentEscaped
                && !Arrays.equals(b, deploymentStart, deploymentEnd, deploymentId, 0, deploymentId.length)) {
            return false;
        }
        return true;
    }

    private boolean isOneOf(byte[] b, int from, int to) {
        for (byte[] type : eventTypes) {
            if (Arrays.equals(b, from, to, type, 0, type.length)) {
                return true;
            }
        }
        return false;
    }

    private boolean levelMayPass(byte[] b, int from, int to) {
        if (Arrays.equals(b, from, to, LEVEL_DEPENDS_ON_DETAILS, 0, LEVEL_DEPENDS_ON_DETAILS.length)) {
            return true;
        }
        for (int i = 0; i < nameCount; i++) {
            byte[] name = names[i];
            if (name.length == to - from && Arrays.equals(b, from, to, name, 0, name.length)) {
                return namePasses[i];
            }
        }
        String name = new String(b, from, to - from, StandardCharsets.UTF_8);
        boolean passes = EventCatalogue.levelOf(name).isAtLeast(minLevel);
        if (nameCount < MAX_CACHED_NAMES) {
            if (nameCount == names.length) {
                names = Arrays.copyOf(names, nameCount * 2);
                namePasses = Arrays.copyOf(namePasses, nameCount * 2);
            }
            names[nameCount] = Arrays.copyOfRange(b, from, to);
            namePasses[nameCount++] = passes;
        }
        return passes;
    }

    /** The offset after {@code literal} when the bytes at {@code p} are it, else -1. */
    private static int expect(byte[] b, int p, int end, byte[] literal) {
        if (end - p < literal.length || !Arrays.equals(b, p, p + literal.length, literal, 0, literal.length)) {
            return -1;
        }
        return p + literal.length;
    }

    /** The offset of the quote ending a string without escapes that starts at {@code p}, else -1. */
    private static int plainString(byte[] b, int p, int end) {
        for (int i = p; i < end; i++) {
            if (b[i] == '"') {
                return i;
            }
            if (b[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
