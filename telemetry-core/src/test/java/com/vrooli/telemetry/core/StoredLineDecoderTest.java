package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reused {@link StoredLineDecoder} (with its stored-shape fast path, {@link StoredLineShape})
 * must decide every line exactly as the parser alone does on a fresh decoder: the same event, or
 * the same refusal in the same words, whatever the lines before it were.
 */
class StoredLineDecoderTest {

    private static final DecodeLimits LIMITS = new DecodeLimits(1 << 20, 1 << 20);
    private static final EventDecoder PARSER = EventDecoder.parserOnly(LIMITS);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static String outcome(EventDecoder decoder, byte[] line) {
        return outcome(decoder.lineDecoder(), line);
    }

    private static String outcome(StoredLineDecoder decoder, byte[] line) {
        try {
            return decoder.decode(line, 0, line.length).toString();
        } catch (MalformedBodyException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** A stored line of a random event, as the store writes it (without the newline). */
    private static String storedLine(Random r) {
        Instant ts = T0.plusSeconds(r.nextInt(3 * 86_400)).plusNanos(pick(r, 0L, 123_000_000L, 123_456_000L, 1L,
                (long) r.nextInt(1_000_000_000)));
        TelemetryEvent e = TelemetryEvent.of(ts, pick(r, "picker-wheel", "app", "b.c_d-e"),
                pick(r, "app_start", "crash", "health_check", "custom_timeout", "migration_failed"));
        if (r.nextInt(3) > 0) {
            e = e.withDeploymentId(pick(r, "deploy-1", "deploy 2", "d\"q", "~!@#$%^&*()", "\u00e9t\u00e9"));
        }
        if (r.nextInt(3) > 0) {
            e = e.withEventId(pick(r, "e-" + r.nextInt(100), "0190b5a4:" + r.nextInt(1000), "a.b_c"));
        }
        if (r.nextInt(3) > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt", r.nextInt(5));
            details.put(pick(r, "note", "version", "q\"k"), pick(r, "replay me", "1.2.3", "line\nbreak", "caf\u00e9"));
            if (r.nextBoolean()) {
                details.put("nested", Map.of("list", List.of(1, 2.5, true)));
            }
            e = new TelemetryEvent(e.timestamp(), e.scenario(), e.deploymentId(), e.event(), e.eventId(),
                    Details.of(details));
        }
        byte[] line = EventLineCodec.encode(e);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    /** Edits a stored line the way a hand, another writer or a broken disk might. */
    private static String mutate(Random r, String line) {
        if (line.isEmpty()) {
            return line;
        }
        int at = r.nextInt(line.length());
        switch (r.nextInt(14)) {
            case 0:
                return line.substring(0, at) + " " + line.substring(at);
            case 1:
                return line.substring(0, at) + line.substring(at + 1);
            case 2:
                return line.substring(0, at) + pick(r, "\\u0041", "\u00e9", "\\/", "\u0007", "\u007f", "\\ud800", "\"",
                        ",", ":", "{", "}", "0", "x", "\\") + line.substring(at);
            case 3:
                return line.replaceFirst("\"event\":\"[^\"]*\"", "\"event\":\"" + pick(r, "bad event", "",
                        "x".repeat(65), "ok.event", "a/b") + "\"");
            case 4:
                return line.replaceFirst("\"scenario\":\"[^\"]*\"", "\"scenario\":\"" + pick(r, "../etc", "",
                        "Bad Name", "x".repeat(129), ".hidden", "other") + "\"");
            case 5:
                return line.replaceFirst("\"ts\":\"[^\"]*\"", "\"ts\":\"" + pick(r, "2026-02-30T00:00:00Z",
                        "2026-12-01T24:00:00Z", "2026-12-01T12:60:00Z", "2026-12-01T12:00:60Z", "2026-13-01T00:00:00Z",
                        "2026-12-01T12:00:00.Z", "2026-12-01T12:00:00.1234567891Z", "2026-12-01t12:00:00z",
                        "2026-12-01T12:00:00+02:00", "2026-12-01T12:00:00", "2024-02-29T23:59:59.5Z",
                        "0000-01-01T00:00:00Z", "yesterday", "2026-12-01 12:00:00Z", "+2026-12-01T12:00:00Z") + "\"");
            case 6:
                // Quoted: some ids hold backslashes, which a replacement string would read as escapes.
                return line.replaceFirst("\"event_id\":\"[^\"]*\"", "\"event_id\":\"" + Matcher.quoteReplacement(pick(r,
                        "bad id", "", "x".repeat(129), "ok:id", "x".repeat(128), ":", "id\\u0041", "\u00e9t\u00e9", "a\\\"b",
                        "tab\there", "a/b")) + "\"");
            case 7:
                return line.replaceFirst("\"details\":\\{", "\"details\":{\"a\":1,\"a\":2,");
            case 8:
                return line.replaceFirst("\"ts\":", "\"timestamp\":");
            case 9:
                return line.replaceFirst("\\{", "{\"service_id\":\"api\",");
            case 10:
                return line.replaceFirst("\"event\":", "\"event\":\"twice\",\"event\":");
            case 11:
                return line + pick(r, "\r", " ", "x", "}", "\n{}");
            case 12:
                return line.replaceFirst("\"deployment_id\":\"[^\"]*\",", "");
            default:
                return line.substring(0, at);
        }
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    @Test
    private static void assertSameFacts(TelemetryEvent expected, CountedEvent counted) {
        assertEquals(expected.timestamp(), counted.timestamp());
        assertEquals(expected.scenario(), counted.scenario());
        assertEquals(expected.deploymentId(), counted.deploymentId());
        assertEquals(expected.event(), counted.event());
        CharSequence id = counted.eventIdText();
        assertEquals(expected.eventId(), id == null ? null : id.toString());
        if (id != null) {
            StringBuilder chars = new StringBuilder();
            for (int k = 0; k < id.length(); k++) {
                chars.append(id.charAt(k));
            }
            assertEquals(expected.eventId(), chars.toString(), "the id's chars, read one by one");
        }
    }

    @Test
    @DisplayName("a counted line is a view of the line until the next: what toEvent made stays")
    void aCountedLineIsAViewUntilTheNext() {
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        byte[] first = "{\"ts\":\"2026-01-01T00:00:00Z\",\"scenario\":\"s\",\"event\":\"crash\",\"event_id\":\"a-1\",\"details\":{\"error\":\"x\"}}"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] second = "{\"ts\":\"2026-01-01T00:00:01Z\",\"scenario\":\"s\",\"event\":\"health_check\"}"
                .getBytes(StandardCharsets.US_ASCII);
        // One buffer, as a scan reuses it: the second line overwrites the first.
        byte[] buf = new byte[first.length];
        System.arraycopy(first, 0, buf, 0, first.length);
        CountedEvent counted = reused.decodeForCounting(buf, 0, first.length);
        TelemetryEvent kept = counted.toEvent();
        assertEquals("a-1", counted.eventIdText().toString());
        assertThrows(IndexOutOfBoundsException.class, () -> counted.eventIdText().charAt(3));
        java.util.Arrays.fill(buf, (byte) ' ');
        System.arraycopy(second, 0, buf, 0, second.length);
        CountedEvent next = reused.decodeForCounting(buf, 0, second.length);
        assertEquals("health_check", next.event());
        assertNull(next.eventIdText(), "no id on the second line");
        assertNull(next.toEvent().details());
        assertEquals(PARSER.decodeLine(first, 0, first.length), kept, "the event made from the first line is whole");
        assertEquals("x", kept.details().get("error"));
    }

    @Test
    @DisplayName("stored lines: taken by the stored-shape path and decoded to the event written")
    void storedLinesTakeTheFastPath() {
        Random r = new Random(11);
        StoredLineShape shape = new StoredLineShape(LIMITS);
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        for (int i = 0; i < 5000; i++) {
            byte[] line = storedLine(r).getBytes(StandardCharsets.UTF_8);
            TelemetryEvent expected = PARSER.decodeLine(line, 0, line.length);
            assertEquals(expected, reused.decode(line, 0, line.length));
            boolean plainAscii = new String(line, StandardCharsets.UTF_8).chars().allMatch(c -> c >= ' ' && c < 0x7f);
            boolean plainDeployment = expected.deploymentId() == null || expected.deploymentId().matches("[ -~&&[^\"\\\\]]*");
            StoredLine fast = shape.read(line, 0, line.length);
            if (plainAscii && plainDeployment) {
                assertNotNull(fast, () -> "not taken by the stored shape: " + new String(line, StandardCharsets.UTF_8));
                assertSameFacts(expected, fast);
                assertEquals(expected, fast.toEvent());
                assertSame(fast.toEvent(), fast.toEvent(), "the event is made once per line");
                assertSameFacts(expected, reused.decodeForCounting(line, 0, line.length));
            } else if (!plainDeployment) {
                assertNull(fast, "a deployment id with escapes or non-ASCII is the general path's");
            }
        }
    }

    @Test
    @DisplayName("edited lines, one decoder reused throughout: the same event or the same refusal as the parser alone")
    void editedLinesDecideAsTheParser() {
        Random r = new Random(3);
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String line = storedLine(r);
            int mutations = r.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                line = mutate(r, line);
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            String expected = outcome(PARSER, bytes);
            assertEquals(expected, outcome(reused, bytes), line);
            refused += expected.startsWith("refused") ? 1 : 0;
        }
        assertTrue(refused > 3000 && refused < 17_000, "the mutations should refuse some lines, not all: " + refused);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"bad event\"}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"../app\",\"event\":\"crash\"}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\",\"event_id\":\"bad id\"}",
        "{\"ts\":\"2026-02-29T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}",
        "{\"ts\":\"2026-12-01T24:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\",\"details\":{\"a\":1,\"a\":2}}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\",\"details\":{\"a\":}}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\",\"details\":[1]}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}}",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"",
        "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\"}",
        "{\"scenario\":\"app\",\"event\":\"crash\"}"})
    @DisplayName("lines in the stored shape that break a rule are refused with the parser's words")
    void brokenStoredLines(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        // A valid line first, so that the decoder holds names and a day it has checked.
        byte[] good = "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}".getBytes(StandardCharsets.UTF_8);
        reused.decode(good, 0, good.length);
        String expected = outcome(PARSER, bytes);
        assertTrue(expected.startsWith("refused: "), expected);
        assertEquals(expected, outcome(reused, bytes));
        assertThrows(MalformedBodyException.class, () -> reused.decode(bytes, 0, bytes.length));
        assertNull(new StoredLineShape(LIMITS).read(bytes, 0, bytes.length));
    }

    @Test
    @DisplayName("around the event size limit: accepted and refused exactly where the parser draws the line")
    void sizeLimit() {
        DecodeLimits small = new DecodeLimits(1024, 256);
        int accepted = 0;
        int refused = 0;
        for (int n = 120; n < 220; n++) {
            for (String ts : new String[] {"2026-12-01T00:00:00Z", "2026-12-01T00:00:00.000000001Z"}) {
                byte[] line = ("{\"ts\":\"" + ts + "\",\"scenario\":\"app\",\"event\":\"crash\",\"details\":{\"note\":\""
                        + "x".repeat(n) + "\"}}").getBytes(StandardCharsets.UTF_8);
                String expected = outcome(EventDecoder.parserOnly(small), line);
                assertEquals(expected, outcome(EventDecoder.create(small), line));
                if (expected.startsWith("refused: event is")) {
                    refused++;
                } else {
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 0 && refused > 0, accepted + " accepted, " + refused + " refused");
    }

    @Test
    @DisplayName("a standard event type read from a stored line is the catalogue's own instance, a custom one a string of its own")
    void catalogueInstances() {
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        byte[] crash = "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}".getBytes(StandardCharsets.UTF_8);
        byte[] custom = "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"my_event\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(StandardEvent.CRASH.wireName(), reused.decode(crash, 0, crash.length).event());
        assertEquals("my_event", reused.decode(custom, 0, custom.length).event());
        assertSame(StandardEvent.CRASH.wireName(), reused.decode(crash, 0, crash.length).event());
    }

    @Test
    @DisplayName("the day of the previous line is reused only for the same date text")
    void dayCache() {
        StoredLineDecoder reused = EventDecoder.create(LIMITS).lineDecoder();
        String[] times = {"2026-12-01T23:59:59.999999999Z", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00.5Z",
            "2024-02-29T12:00:00Z", "2024-03-01T12:00:00Z", "2026-12-01T12:00:00.000001Z"};
        for (String t : times) {
            byte[] line = ("{\"ts\":\"" + t + "\",\"scenario\":\"app\",\"event\":\"crash\"}").getBytes(StandardCharsets.UTF_8);
            assertEquals(Instant.parse(t), reused.decode(line, 0, line.length).timestamp(), t);
        }
    }
}
