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
 * escaped. Decoding a line is {@link EventDecoder#decodeLine}. Stateless and thread-safe.
 */
public final class EventLineCodec {

    private static final byte[] TS = ascii("{\"ts\":\"");
    private static final byte[] SCENARIO = ascii("\",\"scenario\":\"");
    private static final byte[] DEPLOYMENT = ascii("\",\"deployment_id\":\"");
    private static final byte[] EVENT = ascii("\",\"event\":\"");
    private static final byte[] EVENT_ID = ascii("\",\"event_id\":\"");
    private static final byte[] DETAILS = ascii("\",\"details\":");
    private static final byte[] END_STRING = ascii("\"}");

    private EventLineCodec() {
    }

    /** The line for one event, including its trailing newline. */
    public static byte[] encode(TelemetryEvent e) {
        ByteArrayBuilder out = new ByteArrayBuilder(encodedLength(e) + 1);
        encodeTo(e, out);
        return out.toByteArray();
    }

    /** Appends the line for one event, including its trailing newline, to {@code out}. */
    public static void encodeTo(TelemetryEvent e, ByteArrayBuilder out) {
        out.write(TS, 0, TS.length);
        writeAscii(out, Timestamps.format(e.timestamp()));
        out.write(SCENARIO, 0, SCENARIO.length);
        writeAscii(out, e.scenario());
        if (e.deploymentId() != null) {
            out.write(DEPLOYMENT, 0, DEPLOYMENT.length);
            byte[] id = escapedUtf8(e.deploymentId());
            out.write(id, 0, id.length);
        }
        out.write(EVENT, 0, EVENT.length);
        writeAscii(out, e.event());
        if (e.eventId() != null) {
            out.write(EVENT_ID, 0, EVENT_ID.length);
            writeAscii(out, e.eventId());
        }
        if (e.details() != null) {
            out.write(DETAILS, 0, DETAILS.length);
            e.details().writeTo(out);
            out.write('}');
        } else {
            out.write(END_STRING, 0, END_STRING.length);
        }
        out.write('\n');
    }

    /** The encoded length in bytes of one event's line, without its newline. */
    public static int encodedLength(TelemetryEvent e) {
        int n = TS.length + Timestamps.format(e.timestamp()).length() + SCENARIO.length + e.scenario().length()
                + EVENT.length + e.event().length();
        if (e.deploymentId() != null) {
            n += DEPLOYMENT.length + escapedUtf8(e.deploymentId()).length;
        }
        if (e.eventId() != null) {
            n += EVENT_ID.length + e.eventId().length();
        }
        n += e.details() != null ? DETAILS.length + e.details().byteLength() + 1 : END_STRING.length;
        return n;
    }

    private static void writeAscii(ByteArrayBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.append(s.charAt(i));
        }
    }

    /** JSON string content (without quotes) in UTF-8: quotes and backslashes escaped. */
    private static byte[] escapedUtf8(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        }
        if (plain) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
