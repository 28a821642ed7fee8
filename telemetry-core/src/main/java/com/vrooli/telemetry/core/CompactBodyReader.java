package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the common shape of an upload body without the JSON parser: a JSON array of event objects
 * or NDJSON lines of them, written compactly (what the client, Jackson and most encoders write)
 * with only the known event fields ({@code scenario}, {@code deployment_id}, {@code event},
 * {@code event_id}, {@code timestamp} or {@code ts}, {@code details}), each at most once, their
 * values printable ASCII strings without escapes and details a compact object (see
 * {@link CompactDetailsScanner}). For such a body it makes exactly the drafts the parser's path
 * would; at the first byte outside that shape it gives up, and the caller decodes the body with
 * the parser from the start, which also words every error. Events are then checked as always
 * (names, sizes). One instance per decode call; not thread-safe.
 */
final class CompactBodyReader {

    private byte[] b;
    private int end;
    private final List<EventDraft> drafts;
    private final RepeatedStrings repeated;
    private final CompactDetailsScanner details = new CompactDetailsScanner();
    private final TextSlice slice = new TextSlice();
    private int i;

    CompactBodyReader(byte[] body, int from, int to, List<EventDraft> drafts, RepeatedStrings repeated) {
        this.b = body;
        this.i = from;
        this.end = to;
        this.drafts = drafts;
        this.repeated = repeated;
    }

    /**
     * Points this reader at another body, keeping its scanner and buffers: a reader of many stored
     * lines makes one reader, not one per line. The drafts list is the caller's to clear.
     */
    CompactBodyReader reset(byte[] body, int from, int to) {
        this.b = body;
        this.i = from;
        this.end = to;
        return this;
    }

    /** A JSON array of events; false when the body is not in the compact shape. */
    boolean readArray() {
        skipWhitespace();
        if (i >= end || b[i] != '[') {
            return false;
        }
        i++;
        while (true) {
            if (!readEvent() || i >= end) {
                return false;
            }
            byte c = b[i++];
            if (c == ']') {
                break;
            }
            if (c != ',') {
                return false;
            }
        }
        skipWhitespace();
        return i == end;
    }

    /** NDJSON, one event per {@code \n}-ended line (the last newline optional); false when not in the compact shape. */
    boolean readLines() {
        if (i >= end) {
            return false;
        }
        while (i < end) {
            if (!readEvent()) {
                return false;
            }
            if (i < end) {
                if (b[i] != '\n') {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private boolean readEvent() {
        if (drafts.size() >= EventDecoder.MAX_EVENTS_PER_BODY || i >= end || b[i] != '{') {
            return false;
        }
        i++;
        EventDraft d = new EventDraft(drafts.size());
        int seen = 0;
        while (true) {
            int field = field();
            if (field == 0 || (seen & field) != 0) {
                return false;
            }
            seen |= field;
            if ((seen & (EventDraft.F_TIMESTAMP | EventDraft.F_TS)) == (EventDraft.F_TIMESTAMP | EventDraft.F_TS)) {
                return false;
            }
            if (field == EventDraft.F_DETAILS) {
                int close = details.objectEnd(b, i, end);
                if (close < 0) {
                    return false;
                }
                d.details = Details.trusted(Arrays.copyOfRange(b, i, close));
                i = close;
            } else if (!readString(field, d)) {
                return false;
            }
            if (i >= end) {
                return false;
            }
            byte c = b[i++];
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return false;
            }
        }
        drafts.add(d);
        return true;
    }

    /** The bit of the known field whose {@code "name":} starts at {@code i}, which is then passed; 0 for any other. */
    private int field() {
        if (i >= end || b[i] != '"') {
            return 0;
        }
        int start = i + 1;
        int close = start;
        while (close < end && b[close] != '"' && b[close] != '\\') {
            close++;
        }
        if (close + 1 >= end || b[close] != '"' || b[close + 1] != ':') {
            return 0;
        }
        int bit = fieldBit(start, close - start);
        if (bit != 0) {
            i = close + 2;
        }
        return bit;
    }

    private int fieldBit(int start, int length) {
        switch (length) {
            case 2:
                return is(start, "ts") ? EventDraft.F_TS : 0;
            case 5:
                return is(start, "event") ? EventDraft.F_EVENT : 0;
            case 7:
                return is(start, "details") ? EventDraft.F_DETAILS : 0;
            case 8:
                return is(start, "scenario") ? EventDraft.F_SCENARIO : is(start, "event_id") ? EventDraft.F_EVENT_ID : 0;
            case 9:
                return is(start, "timestamp") ? EventDraft.F_TIMESTAMP : 0;
            case 13:
                return is(start, "deployment_id") ? EventDraft.F_DEPLOYMENT : 0;
            default:
                return 0;
        }
    }

    private boolean is(int start, String name) {
        for (int k = 0; k < name.length(); k++) {
            if (b[start + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A string of printable ASCII without escapes, stored in the draft's field. */
    private boolean readString(int field, EventDraft d) {
        if (i >= end || b[i] != '"') {
            return false;
        }
        int start = i + 1;
        int close = start;
        while (close < end) {
            byte c = b[close];
            if (c == '"') {
                break;
            }
            if (c < ' ' || c >= 0x7f || c == '\\') {
                return false;
            }
            close++;
        }
        if (close >= end) {
            return false;
        }
        int length = close - start;
        switch (field) {
            case EventDraft.F_SCENARIO:
                d.scenario = repeated.get(b, start, length);
                break;
            case EventDraft.F_DEPLOYMENT:
                d.deploymentId = repeated.get(b, start, length);
                break;
            case EventDraft.F_EVENT:
                d.event = repeated.get(b, start, length);
                break;
            case EventDraft.F_EVENT_ID:
                d.eventId = new String(b, start, length, StandardCharsets.ISO_8859_1);
                break;
            default:
                d.timestamp = d.parseTimestamp(slice.set(b, start, length),
                        field == EventDraft.F_TS ? "ts" : "timestamp");
                break;
        }
        i = close + 1;
        return true;
    }

    private void skipWhitespace() {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }
}
