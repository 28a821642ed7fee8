package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored line: the exact shape of DESIGN.md, exact lengths, and a lossless round trip. */
class EventLineCodecTest {

    private static final Instant TS = Instant.parse("2025-01-15T12:00:00Z");
    private static final Details DETAILS = Details.parse("{\"version\":\"1.0.0\"}");

    static Stream<Arguments> shapes() {
        String head = "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\"";
        return Stream.of(
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", "deploy-123", "app_start", "0190a6c2", DETAILS),
                        head + ",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\",\"event_id\":\"0190a6c2\","
                                + "\"details\":{\"version\":\"1.0.0\"}}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", null, "app_start", null, null),
                        head + ",\"event\":\"app_start\"}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", "deploy-123", "app_start", null, null),
                        head + ",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\"}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", null, "app_start", "0190a6c2", null),
                        head + ",\"event\":\"app_start\",\"event_id\":\"0190a6c2\"}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", null, "app_start", null, DETAILS),
                        head + ",\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\"}}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", "deploy-123", "app_start", null, DETAILS),
                        head + ",\"deployment_id\":\"deploy-123\",\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\"}}\n"),
                Arguments.of(new TelemetryEvent(TS, "picker-wheel", null, "app_start", "0190a6c2", Details.parse("{}")),
                        head + ",\"event\":\"app_start\",\"event_id\":\"0190a6c2\",\"details\":{}}\n"),
                Arguments.of(new TelemetryEvent(Instant.parse("2025-01-15T12:00:00.120Z"), "picker-wheel", null, "ready",
                        null, null), "{\"ts\":\"2025-01-15T12:00:00.120Z\",\"scenario\":\"picker-wheel\",\"event\":\"ready\"}\n"),
                Arguments.of(new TelemetryEvent(Instant.parse("2025-01-15T12:00:00.000000001Z"), "s", null, "e", null,
                        null), "{\"ts\":\"2025-01-15T12:00:00.000000001Z\",\"scenario\":\"s\",\"event\":\"e\"}\n"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("shapes")
    void theLineHasTheDesignsKeyOrderAndOmitsAbsentOptionals(TelemetryEvent e, String expected) {
        byte[] line = EventLineCodec.encode(e);

        assertEquals(expected, text(line));
        assertEquals(line.length - 1, EventLineCodec.encodedLength(e));
        assertEquals(e, Decoding.DECODER.decodeLine(line, 0, line.length - 1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"say \"hi\"", "C:\\deploy\\123", "\\\"", "\u00fcber-\u00e9t\u00e9", "\u4e2d\u6587",
            "rocket \ud83d\ude80", "tab\u00a0nbsp", "\u2028", "/slash/", "'single'", "<html>&amp;"})
    void deploymentIdsAreEscapedAsJsonStringsAndReadBack(String id) {
        TelemetryEvent e = new TelemetryEvent(TS, "s", id, "e", null, null);

        byte[] line = EventLineCodec.encode(e);

        assertEquals("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"s\",\"deployment_id\":\""
                + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"event\":\"e\"}\n", text(line));
        assertEquals(line.length - 1, EventLineCodec.encodedLength(e));
        assertEquals(id, Decoding.DECODER.decodeLine(line, 0, line.length - 1).deploymentId());
    }

    @Test
    void theThreeWaysToEncodeGiveTheSameBytes() {
        TelemetryEvent e = new TelemetryEvent(TS, "s", "d\"\u00e9", "e", "id", DETAILS);
        byte[] line = EventLineCodec.encode(e);

        ByteArrayBuilder builder = new ByteArrayBuilder();
        builder.write('x');
        EventLineCodec.encodeTo(e, builder);
        byte[] array = new byte[line.length + 4];
        int end = EventLineCodec.encodeTo(e, array, 2);

        assertEquals(text(line), text(builder.toByteArray()).substring(1));
        assertEquals(line.length + 2, end);
        byte[] slice = new byte[line.length];
        System.arraycopy(array, 2, slice, 0, line.length);
        assertArrayEquals(line, slice);
    }

    @Test
    void linesAppendedToABuilderAreWholeAcrossItsSegmentBoundaries() {
        Random random = new Random(7);
        ByteArrayBuilder builder = new ByteArrayBuilder(64);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            TelemetryEvent e = randomEvent(random);

            EventLineCodec.encodeTo(e, builder);

            expected.writeBytes(EventLineCodec.encode(e));
        }
        assertArrayEquals(expected.toByteArray(), builder.toByteArray());
    }

    private static final EventDecoder ANY_DATE =
            EventDecoder.create(DecodeLimits.defaults().withMaxFutureSkew(DecodeLimits.NO_FUTURE_LIMIT));

    /** Property: for random events, the announced length is the real one and the line decodes to the event. */
    @Test
    void randomEventsHaveExactLengthsAndRoundTrip() {
        Random random = new Random(31337);
        for (int i = 0; i < 3_000; i++) {
            TelemetryEvent e = randomEvent(random);

            byte[] line = EventLineCodec.encode(e);

            String context = text(line);
            assertEquals(line.length - 1, EventLineCodec.encodedLength(e), context);
            assertEquals('\n', line[line.length - 1], context);
            assertEquals(e, Decoding.DECODER.decodeLine(line, 0, line.length - 1), context);
            // Random dates reach far past any receive time: the round trip, not the future check, is tested here.
            assertEquals(e, ANY_DATE.decode(line, BodyFormat.NDJSON, null, Instant.EPOCH).events().get(0), context);
        }
    }

    private static TelemetryEvent randomEvent(Random random) {
        long second = random.nextInt(4) == 0
                ? (long) (random.nextDouble() * 600_000_000_000L) - 200_000_000_000L
                : 1_700_000_000L + random.nextInt(100_000_000);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        String deploymentId = random.nextInt(3) == 0 ? null : randomText(random, 1 + random.nextInt(40));
        String eventId = random.nextBoolean() ? null : "id-" + Long.toHexString(random.nextLong()) + ":" + random.nextInt();
        Details details = null;
        if (random.nextBoolean()) {
            Map<String, Object> map = new LinkedHashMap<>();
            int keys = random.nextInt(5);
            for (int k = 0; k < keys; k++) {
                map.put(k + randomText(random, random.nextInt(6)), switch (random.nextInt(6)) {
                    case 0 -> randomText(random, random.nextInt(30));
                    case 1 -> random.nextLong();
                    case 2 -> random.nextDouble() * 1e6;
                    case 3 -> List.of(random.nextBoolean(), randomText(random, 3));
                    case 4 -> Map.of("nested", randomText(random, 5));
                    default -> null;
                });
            }
            details = Details.of(map);
        }
        return new TelemetryEvent(Instant.ofEpochSecond(second, nanos), "scenario-" + random.nextInt(100), deploymentId,
                "event_" + random.nextInt(50), eventId, details);
    }

    private static final String ALPHABET = "aZ09 \"\\/'\u00e9\u00fc\u00df\u20ac\u4e2d\u2028\u00a0{}[]:,";

    /** Text of visible characters, quotes, backslashes, multi-byte characters and surrogate pairs. */
    private static String randomText(Random random, int length) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            pieces.add(random.nextInt(10) == 0
                    ? new String(Character.toChars(0x1F300 + random.nextInt(0x300)))
                    : String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))));
        }
        return String.join("", pieces);
    }
}
