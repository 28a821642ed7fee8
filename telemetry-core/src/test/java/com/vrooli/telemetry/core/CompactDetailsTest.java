package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Details whose text is already compact are copied from the body byte for byte; all others are
 * re-encoded. Both must give exactly the same stored text and the same errors, whatever the
 * upload shape and wherever the body starts in its array.
 */
class CompactDetailsTest {

    private static final String[] DETAILS = {
        "{}",
        "{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}",
        "{\"startup_ms\":5000,\"services\":[\"api\",\"ui\"],\"ok\":true,\"gone\":null,\"f\":-1.5e-3}",
        "{\"stack\":\"Error: x\\n\\tat a (b.js:1)\\r\\n\\\"quoted\\\" \\\\ \\b\\f\"}",
        "{ \"spaced\" : [ 1 , 2 ] }",
        "{\n  \"pretty\": {\n    \"deep\": [\n      {}\n    ]\n  }\n}",
        "{\"slash\":\"a\\/b\"}",
        "{\"unicode\":\"\\u0041\\u00e9\"}",
        "{\"lone\":\"\\ud800 half\"}",
        "{\"control\":\"\\u0001\"}",
        "{\"utf8\":\"\u00fcber \u4e2d \ud83d\ude80\"}",
        "{\"n\":[[[[]]]],\"o\":{\"p\":{\"q\":{}}}}",
        "{\"big\":123456789012345678901234567890,\"e\":1E+10}",
    };

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyShapeStoresWhatTheGeneratorWouldWrite(int which) {
        String details = DETAILS[which];
        String expected = Details.parse(details).json();
        String event = "{\"scenario\":\"s\",\"event\":\"e\",\"details\":" + details + "}";

        assertEquals(expected, detailsOf(Decoding.json("[" + event + "]")));
        assertEquals(expected, detailsOf(Decoding.json(event)));
        String line = event.replace("\n", " ");
        assertEquals(expected, detailsOf(Decoding.ndjson(line + "\n" + line)));
        assertEquals(expected, detailsOf(atOffset(line, BodyFormat.NDJSON)));
        assertEquals(expected, detailsOf(atOffset("[" + event + "]", BodyFormat.JSON)));
        assertEquals(expected, detailsOf(withUtf8ByteOrderMark("[" + event + "]")));
        byte[] stored = utf8("{\"ts\":\"2025-01-15T12:00:00Z\"," + line.substring(1));
        assertEquals(expected, Decoding.DECODER.decodeLine(stored, 0, stored.length).details().json());
    }

    @Test
    void duplicateKeysAndDeepNestingAreRefusedOnBothPaths() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < TelemetryJson.MAX_DETAILS_DEPTH; i++) {
            deep.append("{\"k\":");
        }
        deep.append("1");
        deep.append("}".repeat(TelemetryJson.MAX_DETAILS_DEPTH));
        for (String details : new String[] {"{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[{\"x\":1,\"x\":1}]}",
                "{\"a\":1,\"a\":1}", "{\"wrap\":" + deep + "}"}) {
            String compact = Decoding.errorOf(Decoding.eventWith("\"details\":" + details));
            String spaced = Decoding.errorOf(Decoding.eventWith("\"details\": " + details.replace(":", ": ")));
            assertEquals(spaced, compact, details);
        }
    }

    @Test
    void bytesAfterTheBodyAreNeverTakenForTheEndOfItsDetails() {
        byte[] whole = utf8("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"a\":1}}]");
        int cut = whole.length - 3;

        assertThrows(MalformedBodyException.class,
                () -> Decoding.DECODER.decode(whole, 0, cut, BodyFormat.JSON, null, Instant.EPOCH));
        DecodeResult line = Decoding.DECODER.decode(whole, 1, cut - 1, BodyFormat.NDJSON, null, Instant.EPOCH);
        assertEquals(1, line.errors().size());
    }

    /** Property: random details, compact or not, are stored exactly as the generator writes them. */
    @Test
    void randomDetailsGiveTheSameTextOnBothPaths() {
        Random random = new Random(20261128);
        for (int i = 0; i < 2_000; i++) {
            String details = randomObject(random, 0);
            String event = "{\"scenario\":\"s\",\"event\":\"e\",\"details\":" + details + "}";

            assertEquals(Details.parse(details).json(), detailsOf(Decoding.json("[" + event + "]")), details);
        }
    }

    private static String randomObject(Random random, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int keys = random.nextInt(depth > 2 ? 2 : 5);
        for (int k = 0; k < keys; k++) {
            sb.append(k > 0 ? "," : "").append(space(random)).append("\"k").append(k).append('"').append(space(random))
                    .append(':').append(space(random)).append(randomValue(random, depth + 1));
        }
        return sb.append(space(random)).append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 4 : 6)) {
            case 0:
                return randomString(random);
            case 1:
                return Integer.toString(random.nextInt() >> random.nextInt(31));
            case 2:
                return random.nextBoolean() ? "true" : "null";
            case 3:
                return random.nextInt(1000) + "." + random.nextInt(1000) + (random.nextBoolean() ? "e-7" : "");
            case 4:
                return "[" + randomValue(random, depth + 1) + "," + space(random) + randomValue(random, depth + 1) + "]";
            default:
                return randomObject(random, depth);
        }
    }

    private static String randomString(Random random) {
        String[] pieces = {"abc", " ", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u00e9", "\u00e9", "\ud83d\ude80",
            "\\ud83d\\ude80", "\\ud800", "<&>", "\\b\\f\\r"};
        StringBuilder sb = new StringBuilder("\"");
        for (int i = random.nextInt(5); i > 0; i--) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.append('"').toString();
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " " : "";
    }

    private static DecodeResult atOffset(String body, BodyFormat format) {
        byte[] text = utf8(body);
        byte[] padded = new byte[text.length + 7];
        padded[0] = '{';
        padded[1] = '"';
        System.arraycopy(text, 0, padded, 3, text.length);
        padded[padded.length - 1] = '}';
        return Decoding.DECODER.decode(padded, 3, text.length, format, null, Instant.EPOCH);
    }

    private static DecodeResult withUtf8ByteOrderMark(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
        out.writeBytes(utf8(body));
        return Decoding.json(out.toByteArray());
    }

    private static String detailsOf(DecodeResult r) {
        assertEquals(List.of(), r.errors(), "errors");
        assertTrue(r.events().size() >= 1);
        return r.events().get(0).details().json();
    }
}
