package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact path ({@link CompactBodyReader}) must decode every body exactly as the parser's path
 * does: the same events, the same errors, the same refusal of the whole body. Random bodies, mostly
 * compact (so the compact path takes them) with mutations that push them off it at random places.
 */
class CompactPathEquivalenceTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-15T12:00:00Z");
    private static final EventDecoder COMPACT = EventDecoder.create();
    private static final EventDecoder PARSER = EventDecoder.parserOnly(DecodeLimits.defaults());

    private static String outcome(EventDecoder decoder, byte[] body, BodyFormat format) {
        try {
            DecodeResult r = decoder.decode(body, format, "default-scenario", RECEIVED);
            return r.received() + " " + r.events() + " " + r.errors();
        } catch (MalformedBodyException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static void assertSameOutcome(String body, BodyFormat format) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(outcome(PARSER, bytes, format), outcome(COMPACT, bytes, format), body);
    }

    private static boolean compactReaderTakes(String body, BodyFormat format) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CompactBodyReader reader = new CompactBodyReader(bytes, 0, bytes.length, new ArrayList<>(),
                new RepeatedStrings());
        return format == BodyFormat.NDJSON ? reader.readLines() : reader.readArray();
    }

    /** A random event, compact, fields in random order. */
    private static String event(Random r) {
        List<String> fields = new ArrayList<>();
        if (r.nextInt(10) > 0) {
            fields.add("\"scenario\":\"" + pick(r, "picker-wheel", "app", "b.c_d-e", "Bad Name", "", "x".repeat(129),
                    "../etc", "con") + "\"");
        }
        if (r.nextInt(3) > 0) {
            fields.add("\"deployment_id\":\"" + pick(r, "deploy-1", "d 2", "~!@#$%^&*()", "x".repeat(257), "") + "\"");
        }
        if (r.nextInt(10) > 0) {
            fields.add("\"event\":\"" + pick(r, "app_start", "migration_failed", "crash", "custom_timeout",
                    "bad event", "x".repeat(65), "") + "\"");
        }
        if (r.nextInt(3) > 0) {
            fields.add("\"event_id\":\"" + pick(r, "id-" + r.nextInt(5), "0190b5a4-" + r.nextLong(), "bad id", "a:b.c",
                    "") + "\"");
        }
        if (r.nextInt(4) > 0) {
            fields.add("\"" + (r.nextBoolean() ? "timestamp" : "ts") + "\":\"" + pick(r, "2025-01-15T12:00:00Z",
                    "2025-01-15T12:00:00.123+02:00", "2025-02-30T00:00:00Z", "yesterday", "2025-01-15T12:00:00",
                    "2025-01-15T12:00:00.123456789Z", "2024-02-29T23:59:59-18:00") + "\"");
        }
        if (r.nextInt(3) > 0) {
            fields.add("\"details\":" + details(r, 1));
        }
        java.util.Collections.shuffle(fields, r);
        return "{" + String.join(",", fields) + "}";
    }

    private static String details(Random r, int depth) {
        int n = r.nextInt(5);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            // Keys differ by their index: duplicate keys are the mutations' business.
            sb.append('"').append(pick(r, "a", "b", "service", "attempt", "q\\\"k", "t\\tab", "x")).append(i).append("\":");
            sb.append(value(r, depth));
        }
        return sb.append('}').toString();
    }

    private static String value(Random r, int depth) {
        switch (r.nextInt(depth > 4 ? 6 : 8)) {
            case 0:
                return pick(r, "0", "-0", "12", "-3.5", "1e10", "2.5E-3", "1E+2", "123456789012345678901234567890");
            case 1:
                return pick(r, "true", "false", "null");
            case 2:
            case 3:
                return "\"" + pick(r, "", "sqlite", "line\\nbreak", "quote\\\"d", "back\\\\slash", "a/b",
                        "connection timeout after 3000 ms") + "\"";
            case 4:
            case 5:
                return "[" + (r.nextBoolean() ? "" : value(r, depth + 1) + "," + value(r, depth + 1)) + "]";
            default:
                return details(r, depth + 1);
        }
    }

    /** Pushes a compact body off the compact shape, or into an error, at a random place. */
    private static String mutate(Random r, String body) {
        if (body.isEmpty()) {
            return body;
        }
        int at = r.nextInt(body.length());
        switch (r.nextInt(12)) {
            case 0:
                return body.substring(0, at) + " " + body.substring(at);
            case 1:
                return body.substring(0, at) + body.substring(at + 1);
            case 2:
                return body.substring(0, at) + pick(r, "\\u0041", "\u00e9", "\\/", "\u0007", "\u007f", "\\ud800",
                        "\ud83d\ude00") + body.substring(at);
            case 3:
                return body.substring(0, at) + pick(r, ",", ":", "{", "}", "[", "]", "\"", "0", "-", ".", "e") + body.substring(at);
            case 4:
                return body.replaceFirst("\\{", "{\"service_id\":" + pick(r, "\"api\"", "7", "null") + ",");
            case 5:
                return body.replaceFirst("\\{", "{\"unknown\":{\"deep\":[1,2]},");
            case 6:
                return body.replaceFirst("\"details\":\\{", "\"details\":{\"a\":1,\"a\":2,");
            case 7:
                return body.replaceFirst("\"event\":", "\"event\":null,\"x\":");
            case 8:
                return body.replaceFirst("\\{", "{\"event\":\"twice\",");
            case 9:
                return body.replaceFirst("\"details\":", "\"details\":null,\"y\":");
            case 10:
                return body + pick(r, "\n", "\r\n", "\n\n", " ", "x", "]");
            default:
                return body.substring(0, at);
        }
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String body(Random r, BodyFormat format) {
        int n = 1 + r.nextInt(6);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(r));
        }
        return format == BodyFormat.NDJSON ? String.join("\n", events) + (r.nextBoolean() ? "\n" : "")
                : "[" + String.join(",", events) + "]";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JSON", "NDJSON"})
    @DisplayName("random compact bodies: taken by the compact path, decoded exactly as by the parser")
    void compactBodies(String formatName) {
        BodyFormat format = BodyFormat.valueOf(formatName);
        Random r = new Random(42);
        int taken = 0;
        for (int i = 0; i < 3000; i++) {
            String body = body(r, format);
            assertSameOutcome(body, format);
            if (compactReaderTakes(body, format)) {
                taken++;
            }
        }
        // Every generated body is compact; only events with no field at all ("{}") are left to the parser.
        assertTrue(taken > 2900, "the compact path took only " + taken + " of 3000 compact bodies");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JSON", "NDJSON"})
    @DisplayName("mutated bodies: the same events, errors or refusal on both paths")
    void mutatedBodies(String formatName) {
        BodyFormat format = BodyFormat.valueOf(formatName);
        Random r = new Random(7);
        for (int i = 0; i < 6000; i++) {
            String body = body(r, format);
            int mutations = 1 + r.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                body = mutate(r, body);
            }
            assertSameOutcome(body, format);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-0", "12", "-3.5", "1e10", "2.5E-3", "1E+2", "0.0e-0", "\"s\"", "\"\\\"\\\\\\b\\f\\n\\r\\t\"",
        "true", "false", "null", "[]", "{}", "[1,[2,[3]]]", "{\"a\":{\"a\":1}}", "{\"a\":1,\"b\":2}"})
    @DisplayName("details values in the compact form are taken and copied as they are")
    void compactValues(String value) {
        String details = "{\"k\":" + value + "}";
        assertEquals(details.length(), new CompactDetailsScanner().objectEnd(details.getBytes(StandardCharsets.UTF_8), 0,
                details.length()), details);
        assertSameOutcome(withDetails(details), BodyFormat.JSON);
        DecodeResult r = COMPACT.decode(withDetails(details).getBytes(StandardCharsets.UTF_8), BodyFormat.JSON, null, RECEIVED);
        assertEquals(details, r.events().get(0).details().json());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"01", "-", "1.", ".5", "1e", "1e+", "+1", "-01", "0x10", "1.5.2", "tru", "nul", "nulll",
        "truefalse", "\"\\/\"", "\"\\u0041\"", "\"tab\there\"", "\"\u00e9\"", "\"\u007f\"", "[1,]", "[,1]", "{\"a\":1,}",
        "{\"a\"}", "{\"a\":1,\"a\":2}", "{a:1}", "\"unterminated", "NaN", "Infinity", "1 ", " 1"})
    @DisplayName("anything else is left to the parser, which decides the same way as before")
    void notCompact(String value) {
        String details = "{\"k\":" + value + "}";
        assertEquals(-1, new CompactDetailsScanner().objectEnd(details.getBytes(StandardCharsets.UTF_8), 0,
                details.length()), details);
        assertSameOutcome(withDetails(details), BodyFormat.JSON);
    }

    @Test
    @DisplayName("limits: depth 32 is compact, 33 is the parser's error; long numbers and many keys go to the parser")
    void limits() {
        String depth32 = "{\"a\":".repeat(31) + "{}" + "}".repeat(31);
        String depth33 = "{\"a\":".repeat(32) + "{}" + "}".repeat(32);
        assertTrue(new CompactDetailsScanner().objectEnd(bytes(depth32), 0, depth32.length()) > 0);
        assertEquals(-1, new CompactDetailsScanner().objectEnd(bytes(depth33), 0, depth33.length()));
        String arrays33 = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertEquals(-1, new CompactDetailsScanner().objectEnd(bytes(arrays33), 0, arrays33.length()));
        for (String details : List.of(depth32, depth33, arrays33, "{\"n\":" + "9".repeat(240) + "}",
                "{\"n\":" + "9".repeat(300) + "}", manyKeys(32), manyKeys(33), manyKeys(40) + "")) {
            assertSameOutcome(withDetails(details), BodyFormat.JSON);
            assertSameOutcome(withDetails(details), BodyFormat.NDJSON);
        }
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < EventDecoder.MAX_EVENTS_PER_BODY + 1; i++) {
            many.append(i > 0 ? "," : "").append("{\"event\":\"e\"}");
        }
        assertSameOutcome(many.append(']').toString(), BodyFormat.JSON);
    }

    private static String manyKeys(int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("\"k").append(i).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String withDetails(String details) {
        return "[{\"scenario\":\"app\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":"
                + details + "}]";
    }
}
