package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads a line in exactly the shape {@link EventLineCodec} writes, the shape of nearly every line
 * a store reads back: {@code {"ts":"...Z","scenario":"...","deployment_id":"...","event":"...",
 * "event_id":"...","details":{...}}}, keys in that order, optionals omitted, strings of printable
 * ASCII without escapes, the time in UTC with {@code Z}, details in the compact form. Such a line
 * becomes a {@link StoredLine} whose event is the one {@link StoredLineDecoder}'s general path would
 * make (its id and details are made only when asked), checked by the same
 * rules (names, the details' grammar, the size) but without looking the keys up, with the date of
 * the previous line's time reused when it repeats, and with each name checked once while it stays
 * in a small table of names found valid. Any other line, valid or not, is left to the general
 * path ({@code null}), which decides it and words its problem. One per reader; not thread-safe.
 */
final class StoredLineShape {

    private static final byte[] TS = ascii("{\"ts\":\"");
    private static final byte[] SCENARIO = ascii("\",\"scenario\":\"");
    private static final byte[] DEPLOYMENT = ascii(",\"deployment_id\":\"");
    private static final byte[] EVENT = ascii(",\"event\":\"");
    private static final byte[] EVENT_ID = ascii(",\"event_id\":\"");
    private static final byte[] DETAILS = ascii(",\"details\":");
    /** The most a stored time's text can be shorter than the one the codec writes back (20 against 30 bytes). */
    private static final int TIME_SLACK = 10;

    /** {@link EventRules#isEventIdChar} for each ASCII code, looked up once per byte of an id. */
    private static final boolean[] ID_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ID_CHARS[c] = EventRules.isEventIdChar(c);
        }
    }

    private final DecodeLimits limits;
    private final CompactDetailsScanner detailsScanner = new CompactDetailsScanner();
    private final Timestamps.DayCache day = new Timestamps.DayCache();
    private final CheckedNames scenarios = new CheckedNames(1, EventRules::scenarioProblem);
    private final CheckedNames events = new CheckedNames(64, EventRules::eventProblem);
    private final CheckedNames deployments = new CheckedNames(64, EventRules::deploymentIdProblem);
    private final StoredLine stored = new StoredLine();
    private byte[] b;
    private int i;
    private int end;

    StoredLineShape(DecodeLimits limits) {
        this.limits = limits;
    }

    /**
     * The line {@code line[from, to)} as a {@link StoredLine} (this reader's one instance, valid
     * until the next call), or null when the line is not in the stored shape or breaks a rule.
     */
    StoredLine read(byte[] line, int from, int to) {
        if (to - from + TIME_SLACK > limits.maxEventBytes()) {
            return null;
        }
        b = line;
        i = from;
        end = to;
        if (!skip(TS)) {
            return null;
        }
        int close = stringEnd();
        Instant ts = close < 0 ? null : Timestamps.parseStoredUtc(b, i, close, day);
        if (ts == null) {
            return null;
        }
        i = close;
        if (!skip(SCENARIO)) {
            return null;
        }
        String scenario = scenarios.sameAsKept(b, i, end);
        if (scenario != null) {
            i += scenario.length() + 1;
        } else if ((scenario = name(scenarios)) == null) {
            return null;
        }
        String deploymentId = null;
        if (skip(DEPLOYMENT)) {
            deploymentId = name(deployments);
            if (deploymentId == null) {
                return null;
            }
        }
        if (!skip(EVENT)) {
            return null;
        }
        String event = name(events);
        if (event == null) {
            return null;
        }
        stored.start(b, ts, scenario, deploymentId, event);
        if (skip(EVENT_ID) && !eventId()) {
            return null;
        }
        if (skip(DETAILS)) {
            int detailsEnd = detailsScanner.objectEnd(b, i, end);
            if (detailsEnd < 0) {
                return null;
            }
            stored.details(i, detailsEnd);
            i = detailsEnd;
        }
        if (i != end - 1 || b[i] != '}') {
            return null;
        }
        return stored;
    }

    /** Passes {@code expected} when the text at the position starts with it. */
    private boolean skip(byte[] expected) {
        if (end - i < expected.length || !Arrays.equals(b, i, i + expected.length, expected, 0, expected.length)) {
            return false;
        }
        i += expected.length;
        return true;
    }

    /**
     * The index of the quote closing the string whose content starts at the position, when that
     * content is printable ASCII without escapes (what every stored name is); else -1.
     */
    private int stringEnd() {
        for (int k = i; k < end; k++) {
            byte c = b[k];
            if (c == '"') {
                return k;
            }
            if (c < ' ' || c >= 0x7f || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The name whose string content starts at the position, passed with its closing quote; null
     * when not valid. One pass finds the quote, checks the bytes and computes the text's hash.
     */
    private String name(CheckedNames names) {
        int h = 0;
        for (int k = i; k < end; k++) {
            byte c = b[k];
            if (c == '"') {
                String name = names.get(b, i, k - i, h);
                i = k + 1;
                return name;
            }
            if (c < ' ' || c >= 0x7f || c == '\\') {
                return null;
            }
            h = 31 * h + c;
        }
        return null;
    }

    /**
     * Passes the event id whose string content starts at the position, with its closing quote, and
     * hands its range to the line; false when it is not a valid id (empty, too long, or a character
     * outside the id's set), which the general path then decides. One pass over the bytes checks
     * the id's rule and finds the quote (an id's characters hold no quote, escape or non-ASCII byte).
     */
    private boolean eventId() {
        int from = i;
        int limit = Math.min(end, from + EventRules.MAX_EVENT_ID_LENGTH + 1);
        for (int k = from; k < limit; k++) {
            byte c = b[k];
            if (c == '"') {
                if (k == from) {
                    return false;
                }
                i = k + 1;
                stored.eventId(from, k - from);
                return true;
            }
            if (c < 0 || !ID_CHARS[c]) {
                return false;
            }
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
