package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes events as stored lines, the exact shape of the JSONL files:
 * {@code {"ts":"...","scenario":"...","deployment_id":"...","event":"...","event_id":"...","details":{...}}}
 * followed by {@code \n}, keys in that order, absent optionals omitted, the timestamp in UTC.
 *
 * <p>Details are copied as their already-validated text. Scenario, event type and event id can
 * hold no character that needs escaping (see {@link EventRules}), so only the deployment id is
 * escaped. The exact length is known before writing, so a store can size one buffer for a whole
 * batch. Decoding a line is {@link EventDecoder#decodeLine}. Stateless and thread-safe.
 */
public final class EventLineCodec {

    private static final byte[] TS = ascii("{\"ts\":\"");
    private static final byte[] SCENARIO = ascii("\",\"scenario\":\"");
    private static final byte[] DEPLOYMENT = ascii("\",\"deployment_id\":\"");
    private static final byte[] EVENT = ascii("\",\"event\":\"");
    private static final byte[] EVENT_ID = ascii("\",\"event_id\":\"");
    private static final byte[] DETAILS = ascii("\",\"details\":");
    private static final byte[] END_STRING = ascii("\"}");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private EventLineCodec() {
    }

    /** The line for one event, including its trailing newline. */
    public static byte[] encode(TelemetryEvent e) {
        byte[] line = new byte[encodedLength(e) + 1];
        encodeTo(e, line, 0);
        return line;
    }

    /**
     * Appends the line for one event, including its trailing newline, to {@code out}: straight
     * into its current segment when the line fits there (the common case), through a temporary
     * array only when the line crosses into a new segment.
     */
    static void encodeTo(TelemetryEvent e, ByteArrayBuilder out) {
        int length = encodedLength(e) + 1;
        byte[] segment = out.getCurrentSegment();
        int pos = out.getCurrentSegmentLength();
        if (segment.length - pos >= length) {
            out.setCurrentSegmentLength(encodeTo(e, segment, pos));
        } else {
            byte[] line = new byte[length];
            encodeTo(e, line, 0);
            out.write(line, 0, length);
        }
    }

    /**
     * Writes the line for one event, including its trailing newline, into {@code dst} at
     * {@code pos}; {@code dst} must have {@code encodedLength(e) + 1} bytes free there.
     *
     * @return the position after the newline
     */
    public static int encodeTo(TelemetryEvent e, byte[] dst, int pos) {
        pos = put(dst, pos, TS);
        pos = TimestampWriter.formatTo(e.timestamp(), dst, pos);
        pos = put(dst, pos, SCENARIO);
        pos = putAscii(dst, pos, e.scenario());
        if (e.deploymentId() != null) {
            pos = put(dst, pos, DEPLOYMENT);
            pos = putEscaped(dst, pos, e.deploymentId());
        }
        pos = put(dst, pos, EVENT);
        pos = putAscii(dst, pos, e.event());
        if (e.eventId() != null) {
            pos = put(dst, pos, EVENT_ID);
            pos = putAscii(dst, pos, e.eventId());
        }
        if (e.details() != null) {
            pos = put(dst, pos, DETAILS);
            pos = put(dst, pos, e.details().bytes());
            dst[pos++] = '}';
        } else {
            pos = put(dst, pos, END_STRING);
        }
        dst[pos++] = '\n';
        return pos;
    }

    /** The encoded length in bytes of one event's line, without its newline (computed once per event). */
    public static int encodedLength(TelemetryEvent e) {
        return e.lineLength();
    }

    static int computeLength(TelemetryEvent e) {
        int n = TS.length + TimestampWriter.formattedLength(e.timestamp()) + SCENARIO.length + e.scenario().length()
                + EVENT.length + e.event().length();
        if (e.deploymentId() != null) {
            n += DEPLOYMENT.length + escapedLength(e.deploymentId());
        }
        if (e.eventId() != null) {
            n += EVENT_ID.length + e.eventId().length();
        }
        n += e.details() != null ? DETAILS.length + e.details().byteLength() + 1 : END_STRING.length;
        return n;
    }

    private static int put(byte[] dst, int pos, byte[] src) {
        System.arraycopy(src, 0, dst, pos, src.length);
        return pos + src.length;
    }

    private static int putAscii(byte[] dst, int pos, String s) {
        for (int i = 0; i < s.length(); i++) {
            dst[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }

    /** Bytes of a JSON string's content in UTF-8: quotes, backslashes and controls escaped. */
    private static int escapedLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20 || c == 0x7f) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 6; // a lone surrogate is written as a \\u escape
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static int putEscaped(byte[] dst, int pos, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                dst[pos++] = '\\';
                dst[pos++] = (byte) c;
            } else if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !isPairAt(s, i))) {
                pos = putUnicodeEscape(dst, pos, c);
            } else if (c < 0x80) {
                dst[pos++] = (byte) c;
            } else if (c < 0x800) {
                dst[pos++] = (byte) (0xc0 | (c >> 6));
                dst[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[pos++] = (byte) (0xf0 | (cp >> 18));
                dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                dst[pos++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                dst[pos++] = (byte) (0xe0 | (c >> 12));
                dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                dst[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return pos;
    }

    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static int putUnicodeEscape(byte[] dst, int pos, char c) {
        dst[pos++] = '\\';
        dst[pos++] = 'u';
        dst[pos++] = HEX[(c >> 12) & 0xf];
        dst[pos++] = HEX[(c >> 8) & 0xf];
        dst[pos++] = HEX[(c >> 4) & 0xf];
        dst[pos++] = HEX[c & 0xf];
        return pos;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
