package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.RECEIVED_AT;
import static com.vrooli.telemetry.core.Decoding.jsonOf;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error messages go back to clients and into logs: they never echo more than about 64 characters
 * of what a client sent and never hold a control, formatting or line-breaking character.
 */
class ErrorMessageSafetyTest {

    private static final int MAX_ECHO = JsonErrors.MAX_QUOTED;

    @Test
    void shortValuesAreQuotedWhole() {
        assertEquals("picker-wheel", JsonErrors.quote("picker-wheel"));
        assertEquals("", JsonErrors.quote(""));
        assertEquals("a\\u0000b", JsonErrors.quote("a\u0000b"));
    }

    @Test
    void quotingCutsAt64CharactersAndSaysSo() {
        assertEquals("a".repeat(64), JsonErrors.quote("a".repeat(64)));
        assertEquals("a".repeat(64) + "...", JsonErrors.quote("a".repeat(65)));
        assertEquals("a".repeat(64) + "...", JsonErrors.quote("a".repeat(100_000)));
    }

    @Test
    void quotingSaysItCutAValueEvenWhenEscapesFilledTheRoom() {
        String nuls = "\u0000".repeat(30);

        String quoted = JsonErrors.quote(nuls);

        assertEquals("\\u0000".repeat(11) + "...", quoted);
    }

    @Test
    void quotingEscapesEveryInvisibleCharacter() {
        assertEquals("\\u0000\\u001b[31m\\u000d\\u000a\\u007f", JsonErrors.quote("\u0000\u001b[31m\r\n\u007f"));
        assertEquals("\\u0085\\u009b\\u200b\\u200e\\u202e", JsonErrors.quote("\u0085\u009b\u200b\u200e\u202e"));
        assertEquals("\\u2066\\u2028\\u2029\\ufeff", JsonErrors.quote("\u2066\u2028\u2029\ufeff"));
        assertEquals("\\ud800x\\udc00", JsonErrors.quote("\ud800x\udc00"));
    }

    @Test
    void quotingKeepsVisibleUnicodeAndNeverSplitsASurrogatePair() {
        assertEquals("caf\u00e9 \u4e2d\u6587 \ud83d\ude80", JsonErrors.quote("caf\u00e9 \u4e2d\u6587 \ud83d\ude80"));
        String rockets = "a" + "\ud83d\ude80".repeat(40);

        String quoted = JsonErrors.quote(rockets);

        assertEquals("a" + "\ud83d\ude80".repeat(32) + "...", quoted);
        assertTrue(isSafe(quoted), quoted);
    }

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("long ASCII", "A".repeat(10_000)),
                Arguments.of("terminal escapes and CR LF injection", ("\u001b[2J\u001b[31mred\r\nX-Injected: yes\u0000")
                        .repeat(50)),
                Arguments.of("bidi overrides", "\u202eevil\u202c\u2066".repeat(40)),
                Arguments.of("line and paragraph separators", "x\u2028y\u2029z\u0085".repeat(40)),
                Arguments.of("lone surrogates", "\ud800a\udc00".repeat(40)),
                Arguments.of("zero-width and BOM", "\u200b\u200d\ufeffz".repeat(40)),
                Arguments.of("path traversal", "../".repeat(200) + "etc/passwd"),
                Arguments.of("markup", "<script>alert(1)</script>".repeat(20)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("payloads")
    void messagesAboutAHostileValueInAnyFieldAreShortAndVisible(String name, String payload) {
        List<String> messages = new ArrayList<>();
        for (String field : List.of("scenario", "event", "deployment_id", "event_id", "timestamp", "ts")) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("scenario", "s");
            event.put("event", "e");
            event.put(field, payload);
            messages.addAll(errors(jsonOf(List.of(event)), BodyFormat.JSON, null));
            messages.addAll(errors(jsonOf(event), BodyFormat.NDJSON, null));
        }
        messages.addAll(errors(jsonOf(Map.of("scenario_name", payload, "events", List.of(Map.of("event", "e")))),
                BodyFormat.JSON, null));
        messages.addAll(errors("[{\"event\":\"e\"}]", BodyFormat.JSON, payload));
        messages.addAll(errors(jsonOf(List.of(Map.of("scenario", "s", "event", "e",
                "details", Map.of("a", 1, "b", Map.of(payload, 1)), "x", payload))), BodyFormat.JSON, null));
        String duplicate = "[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{" + jsonOf(payload) + ":1," + jsonOf(payload)
                + ":2}}]";
        messages.addAll(errors(duplicate, BodyFormat.JSON, null));
        messages.addAll(errors("[" + payload + "]", BodyFormat.JSON, null));
        messages.addAll(errors("[{\"scenario\":\"s\",\"event\":" + payload + "}]", BodyFormat.JSON, null));
        messages.addAll(errors("{\"scenario\":\"s\"," + payload + "}", BodyFormat.NDJSON, null));

        assertTrue(messages.size() > 15, "the payload must provoke errors: " + messages);
        for (String message : messages) {
            assertSafe(message, payload);
        }
    }

    /**
     * Property: randomly damaged bodies never make the decoder throw anything but
     * {@link MalformedBodyException}, and every message it gives is safe.
     */
    @Test
    void randomlyDamagedBodiesGiveOnlySafeErrors() {
        Random random = new Random(99);
        List<byte[]> seeds = List.of(
                utf8("[{\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\","
                        + "\"timestamp\":\"2025-01-15T12:00:00Z\",\"details\":{\"version\":\"1.0.0\",\"n\":[1,2.5,null]}}]"),
                utf8("{\"scenario_name\":\"picker-wheel\",\"deployment_mode\":\"desktop\",\"events\":[{\"event\":\"ready\","
                        + "\"ts\":\"2025-01-15T12:00:00.123456789+02:00\",\"service_id\":\"api\",\"details\":{}}]}"),
                utf8("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"s\",\"event\":\"crash\",\"event_id\":\"id-1\"}\n"
                        + "{\"ts\":\"2025-01-15T12:00:01Z\",\"scenario\":\"s\",\"event\":\"ready\"}\r\n"));
        byte[] specials = utf8("{}[]\",:\\\n\r \u00e9");
        int errors = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] body = damage(seeds.get(i % seeds.size()), random, specials);
            for (BodyFormat format : BodyFormat.values()) {
                try {
                    DecodeResult r = Decoding.DECODER.decode(body, format, random.nextBoolean() ? "dflt" : null,
                            RECEIVED_AT);
                    for (EventError e : r.errors()) {
                        assertSafe(e.error(), null);
                        errors++;
                    }
                    assertEquals(r.received(), r.events().size() + r.errors().size());
                } catch (MalformedBodyException e) {
                    assertSafe(e.getMessage(), null);
                    errors++;
                } catch (RuntimeException e) {
                    fail("body " + Arrays.toString(body) + " as " + format + " threw " + e, e);
                }
            }
        }
        assertTrue(errors > 1_000, "the damage must provoke errors, got " + errors);
    }

    private static byte[] damage(byte[] seed, Random random, byte[] specials) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = specials[random.nextInt(specials.length)];
                case 2 -> b = Arrays.copyOf(b, Math.max(1, at));
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out.length == 0 ? b : out;
                }
                default -> {
                    byte[] out = new byte[b.length + 1];
                    System.arraycopy(b, 0, out, 0, at);
                    out[at] = specials[random.nextInt(specials.length)];
                    System.arraycopy(b, at, out, at + 1, b.length - at);
                    b = out;
                }
            }
        }
        return b;
    }

    private static List<String> errors(String body, BodyFormat format, String defaultScenario) {
        try {
            return Decoding.DECODER.decode(utf8(body), format, defaultScenario, RECEIVED_AT).errors().stream()
                    .map(EventError::error).toList();
        } catch (MalformedBodyException e) {
            return List.of(e.getMessage());
        }
    }

    private static void assertSafe(String message, String payload) {
        assertTrue(isSafe(message), () -> "invisible character in: " + JsonErrors.quote(message));
        assertTrue(message.length() <= 400, () -> "too long (" + message.length() + "): " + message);
        // The "..." after a cut value may continue a run of dots, hence a little slack.
        int window = MAX_ECHO + 4;
        if (payload != null && payload.length() >= window) {
            for (int i = 0; i + window <= payload.length(); i++) {
                String echo = payload.substring(i, i + window);
                assertFalse(message.contains(echo), () -> "echoes more than " + MAX_ECHO + " characters: " + message);
            }
        }
    }

    private static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
