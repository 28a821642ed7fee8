package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.RECEIVED_AT;
import static com.vrooli.telemetry.core.Decoding.VALID;
import static com.vrooli.telemetry.core.Decoding.ndjson;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NDJSON bodies: one event per line, a bad line is an error for that line only. */
class NdjsonDecodingTest {

    private static final String A = "{\"scenario\":\"s\",\"event\":\"a\"}";
    private static final String B = "{\"scenario\":\"s\",\"event\":\"b\"}";
    private static final String C = "{\"scenario\":\"s\",\"event\":\"c\"}";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        A + "\n" + B + "\n" + C,
        A + "\n" + B + "\n" + C + "\n",
        A + "\r\n" + B + "\r\n" + C + "\r\n",
        "\n\n" + A + "\n\n\n" + B + "\n   \n\t\n" + C + "\n\n",
        A + "\r\n\r\n" + B + "\n" + C,
        A + "\r" + B + "\r" + C,
        "  " + A + "  \n\t" + B + "\t\n" + C})
    void blankLinesAndLineEndingsDoNotMatter(String body) {
        DecodeResult r = ndjson(body);

        assertEquals(3, r.received());
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("a", "b", "c"), r.events().stream().map(TelemetryEvent::event).toList());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("{bad", "malformed JSON at column 2: Unexpected character ('b' (code 98)): was expecting"
                        + " double-quote to start field name"),
                Arguments.of("[" + A + "]", "event must be a JSON object, got an array"),
                Arguments.of("42", "event must be a JSON object, got a number"),
                Arguments.of("\"app_start\"", "event must be a JSON object, got a string"),
                Arguments.of("null", "event must be a JSON object, got null"),
                Arguments.of(A + " {}", "unexpected content after the event on its line"),
                Arguments.of(A + A, "unexpected content after the event on its line"),
                Arguments.of(A + " 5", "unexpected content after the event on its line"),
                Arguments.of(A + " x", "malformed JSON at column 30: Unrecognized token 'x': was expecting (JSON String,"
                        + " Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("{\"scenario\":\"s\",", "line ends before its JSON is complete at column 17"),
                Arguments.of("{\"scenario\":\"../x\",\"event\":\"a\"}", "scenario '../x' must start with a letter or digit"),
                Arguments.of("{\"scenario\":\"s\",\"event\":\"a\",\"details\":[]}", "details must be a JSON object, got an array"),
                Arguments.of("{\"scenario\":\"s\",\"event\":\"a\",\"details\":" + "[".repeat(70) + "]".repeat(70) + "}",
                        "line nests deeper than 64 levels"),
                Arguments.of("{\"scenario\":\"s\",\"event\":\"a\",\"details\":{\"n\":" + "9".repeat(300) + "}}",
                        "line holds a number longer than 256 characters"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badLines")
    void aBadLineInTheMiddleIsRejectedAloneAtItsIndex(String badLine, String expected) {
        DecodeResult r = ndjson(A + "\n" + badLine + "\n" + C + "\n");

        assertEquals(3, r.received());
        assertEquals(List.of(new EventError(1, expected)), r.errors());
        assertEquals(List.of("a", "c"), r.events().stream().map(TelemetryEvent::event).toList());
    }

    @Test
    void indicesCountNonBlankLines() {
        DecodeResult r = ndjson("\n" + A + "\n\n\n{oops\n\r\n" + B + "\n\n[]\n");

        assertEquals(4, r.received());
        assertEquals(List.of(1, 3), r.errors().stream().map(EventError::index).toList());
    }

    @Test
    void anObjectSpreadOverTwoLinesIsTwoBadLines() {
        DecodeResult r = ndjson(A + "\n{\"scenario\":\"s\",\n\"event\":\"b\"}\n" + C);

        assertEquals(4, r.received());
        assertEquals(List.of(new EventError(1, "line ends before its JSON is complete at column 17"),
                new EventError(2, "event must be a JSON object, got a string")),
                r.errors());
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAloneAndTheOthersAreStored() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(A + "\n"));
        body.writeBytes(utf8("{\"scenario\":\"s\",\"event\":\"b\",\"details\":{\"city\":\"M"));
        body.write(0xfc); // ü in Latin-1
        body.writeBytes(utf8("nchen\"}}\n" + C));

        DecodeResult r = ndjson(body.toByteArray());

        assertEquals(List.of(new EventError(1, "line is not valid UTF-8 at column 50")), r.errors());
        assertEquals(2, r.events().size());
    }

    @Test
    void aLineThatLooksLikeUtf16IsRejectedAlone() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(A + "\n"));
        body.writeBytes(B.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        body.writeBytes(utf8("\n" + C));

        DecodeResult r = ndjson(body.toByteArray());

        assertEquals(List.of(new EventError(1, "line is not valid UTF-8 (UTF-16 and UTF-32 are not accepted)")),
                r.errors());
    }

    @Test
    void aBodyOfOnlyBadLinesIsStillPerLineErrorsNotABodyError() {
        DecodeResult r = ndjson("x\ny\n");

        assertEquals(2, r.received());
        assertEquals(0, r.events().size());
        assertEquals(2, r.errors().size());
    }

    @Test
    void theDefaultScenarioAppliesToLinesWithoutOne() {
        DecodeResult r = Decoding.DECODER.decode(utf8("{\"event\":\"a\",\"ts\":\"2025-01-15T12:00:00.5+01:00\"}\n"
                + "{\"scenario\":\"own\",\"event\":\"b\"}"), BodyFormat.NDJSON, "runtime", RECEIVED_AT);

        assertEquals(List.of("runtime", "own"), r.events().stream().map(TelemetryEvent::scenario).toList());
    }

    @Test
    void aRuntimeJsonlFileIsAcceptedAsIs() {
        String file = "{\"ts\":\"2025-01-15T12:00:00.123456789+02:00\",\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\"}}\n"
                + "{\"ts\":\"2025-01-15T12:00:01.5+02:00\",\"event\":\"service_started\",\"service_id\":\"api\","
                + "\"details\":{\"pid\":42}}\n"
                + "{\"ts\":\"2025-01-15T12:00:02Z\",\"event\":\"service_start_failed\",\"service_id\":\"db\",\"level\":\"error\"}\n";

        DecodeResult r = Decoding.DECODER.decode(utf8(file), BodyFormat.NDJSON, "picker-wheel", RECEIVED_AT);

        assertEquals(List.of(), r.errors());
        List<String> lines = new ArrayList<>();
        r.events().forEach(e -> lines.add(Decoding.text(EventLineCodec.encode(e))));
        assertEquals(List.of(
                "{\"ts\":\"2025-01-15T10:00:00.123456789Z\",\"scenario\":\"picker-wheel\",\"event\":\"app_start\","
                        + "\"details\":{\"version\":\"1.0.0\"}}\n",
                "{\"ts\":\"2025-01-15T10:00:01.500Z\",\"scenario\":\"picker-wheel\",\"event\":\"service_started\","
                        + "\"details\":{\"service_id\":\"api\",\"pid\":42}}\n",
                "{\"ts\":\"2025-01-15T12:00:02Z\",\"scenario\":\"picker-wheel\",\"event\":\"service_start_failed\","
                        + "\"details\":{\"service_id\":\"db\"}}\n"), lines);
    }

    /**
     * Property: whatever mix of good lines, bad lines, blank lines and line endings a body has,
     * its result is what each line gives alone (the one-pass reader and the line-by-line reader
     * agree).
     */
    @Test
    void aBodyDecodesAsItsLinesDecodeOneByOne() {
        Random random = new Random(1234);
        String[] bad = {"{bad", "[]", "42", A + " {}", "{\"scenario\":\"s\"}", "{\"scenario\":\"s\",\"event\":\"e\",\"ts\":\"x\"}",
            "{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"a\":1,\"a\":2}}", "{\"event\":\"e\",\"scenario\":\"a/b\"}"};
        String[] endings = {"\n", "\r\n", "\n\n", "\r\n  \r\n", "\r"};
        for (int round = 0; round < 300; round++) {
            StringBuilder body = new StringBuilder();
            List<String> expectedEvents = new ArrayList<>();
            List<Integer> expectedErrors = new ArrayList<>();
            int lines = 1 + random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                if (random.nextInt(4) == 0) {
                    body.append(bad[random.nextInt(bad.length)]);
                    expectedErrors.add(i);
                } else {
                    String name = "e" + i;
                    body.append("{\"scenario\":\"s\",\"event\":\"").append(name).append("\"}");
                    expectedEvents.add(name);
                }
                body.append(endings[random.nextInt(endings.length)]);
            }

            DecodeResult r = ndjson(body.toString());

            String context = body.toString();
            assertEquals(lines, r.received(), context);
            assertEquals(expectedEvents, r.events().stream().map(TelemetryEvent::event).toList(), context);
            assertEquals(expectedErrors, r.errors().stream().map(EventError::index).toList(), context);
            for (EventError e : r.errors()) {
                assertEquals(lineAlone(context, e.index()), e.error(), context);
            }
        }
    }

    /** The error of the n-th non-blank line of {@code body} decoded as a body of its own. */
    private static String lineAlone(String body, int n) {
        String line = body.lines().flatMap(l -> Stream.of(l.split("\r"))).filter(l -> !l.isBlank()).toList().get(n);
        return ndjson(line).errors().get(0).error();
    }

    @Test
    void aValidEventSurroundedByBlankLinesIsOneEvent() {
        assertEquals(1, ndjson("\r\n\r\n" + VALID + "\r\n\r\n").received());
    }
}
