package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.VALID;
import static com.vrooli.telemetry.core.Decoding.bodyError;
import static com.vrooli.telemetry.core.Decoding.errorOf;
import static com.vrooli.telemetry.core.Decoding.eventWith;
import static com.vrooli.telemetry.core.Decoding.json;
import static com.vrooli.telemetry.core.Decoding.ndjson;
import static com.vrooli.telemetry.core.Decoding.only;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies built to hurt: nesting bombs, huge values, broken UTF-8 and broken UTF-16 escapes. */
class HostileInputTest {

    // ---- nesting ----

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static String nestedArrays(int depth) {
        return depth == 1 ? "{}" : "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @ParameterizedTest(name = "[{index}] depth {0}")
    @ValueSource(ints = {1, 2, 31, 32})
    void detailsNestedUpTo32LevelsAreAccepted(int depth) {
        assertEquals(nestedObjects(depth), only(eventWith("\"details\":" + nestedObjects(depth))).details().json());
        assertEquals(nestedArrays(depth), only(eventWith("\"details\":" + nestedArrays(depth))).details().json());
    }

    @ParameterizedTest(name = "[{index}] depth {0}")
    @ValueSource(ints = {33, 34, 61})
    void detailsNestedDeeperThan32LevelsAreAnErrorForTheirEvent(int depth) {
        assertEquals("details nest deeper than 32 levels", errorOf(eventWith("\"details\":" + nestedObjects(depth))));
        assertEquals("details nest deeper than 32 levels", errorOf(eventWith("\"details\":" + nestedArrays(depth))));
    }

    @Test
    void deepDetailsAreRefusedTheSameInEveryUploadShape() {
        String event = eventWith("\"details\":" + nestedObjects(33));

        assertEquals("details nest deeper than 32 levels", json(event).errors().get(0).error());
        assertEquals("details nest deeper than 32 levels",
                json("{\"events\":[" + event + "]}").errors().get(0).error());
        assertEquals("details nest deeper than 32 levels", ndjson(event).errors().get(0).error());
    }

    static Stream<Arguments> nestingBombs() {
        return Stream.of(
                Arguments.of("details of 70 objects", "[" + eventWith("\"details\":" + nestedObjects(70)) + "]"),
                Arguments.of("details of 70 arrays", "[" + eventWith("\"details\":" + nestedArrays(70)) + "]"),
                Arguments.of("an unknown key of 70 levels", "[" + eventWith("\"x\":" + nestedObjects(70)) + "]"),
                Arguments.of("65 arrays", "[".repeat(65) + "]".repeat(65)),
                Arguments.of("100000 open arrays", "[".repeat(100_000)),
                Arguments.of("100000 open objects", "{\"a\":".repeat(100_000)),
                Arguments.of("an envelope of 70 levels", "{\"scenario_name\":\"s\",\"source\":" + nestedObjects(70)
                        + ",\"events\":[]}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nestingBombs")
    void aNestingBombIsABodyErrorWithAClearMessage(String name, String body) {
        assertEquals("body nests deeper than 64 levels", bodyError(body));
    }

    @Test
    void aNestingBombInOneNdjsonLineRejectsThatLineOnly() {
        DecodeResult r = ndjson(VALID + "\n" + "{\"a\":".repeat(100_000) + "\n" + eventWith("\"details\":" + nestedObjects(70))
                + "\n" + VALID);

        assertEquals(List.of(new EventError(1, "line nests deeper than 64 levels"),
                new EventError(2, "line nests deeper than 64 levels")), r.errors());
        assertEquals(2, r.events().size());
    }

    // ---- huge values ----

    @Test
    void aHundredKilobyteStringInDetailsIsAnErrorForItsEventOnly() {
        String event = eventWith("\"details\":{\"stack\":\"" + "x".repeat(100 * 1024) + "\"}");

        DecodeResult r = json("[" + VALID + "," + event + "," + VALID + "]");

        assertEquals(List.of(new EventError(1, "event is 102498 bytes when stored; the limit is 65536")), r.errors());
        assertEquals(2, r.events().size());
    }

    @Test
    void anEventOfExactlyTheSizeLimitIsAcceptedAndOneByteMoreIsNot() {
        // {"ts":"2025-01-15T13:00:00Z","scenario":"picker-wheel","event":"app_start","details":{"s":"..."}}
        int overhead = EventLineCodec.encodedLength(only(eventWith("\"details\":{\"s\":\"\"}")));
        String fits = "y".repeat(DecodeLimits.DEFAULT_MAX_EVENT_BYTES - overhead);

        TelemetryEvent e = only(eventWith("\"details\":{\"s\":\"" + fits + "\"}"));

        assertEquals(DecodeLimits.DEFAULT_MAX_EVENT_BYTES, EventLineCodec.encodedLength(e));
        assertEquals("event is 65537 bytes when stored; the limit is 65536",
                errorOf(eventWith("\"details\":{\"s\":\"" + fits + "y\"}")));
    }

    @Test
    void theSizeLimitCountsEncodedBytesNotCharacters() {
        EventDecoder decoder = EventDecoder.create(new DecodeLimits(4096, 256));
        // 100 euro signs are 100 characters but 300 bytes of UTF-8.
        DecodeResult r = decoder.decode(utf8(eventWith("\"details\":{\"s\":\"" + "\u20ac".repeat(100) + "\"}")),
                BodyFormat.JSON, null, Decoding.RECEIVED_AT);

        assertEquals(List.of(new EventError(0, "event is 394 bytes when stored; the limit is 256")), r.errors());
    }

    @Test
    void hugeIdentifiersAreErrorsForTheirEventWithoutEchoingThem() {
        String huge = "a".repeat(100_000);

        assertEquals("scenario is longer than 128 characters", errorOf("{\"scenario\":\"" + huge + "\",\"event\":\"e\"}"));
        assertEquals("event is longer than 64 characters", errorOf("{\"scenario\":\"s\",\"event\":\"" + huge + "\"}"));
        assertEquals("deployment_id is longer than 256 characters", errorOf(eventWith("\"deployment_id\":\"" + huge + "\"")));
        assertEquals("event_id is longer than 128 characters", errorOf(eventWith("\"event_id\":\"" + huge + "\"")));
        assertEquals("timestamp '" + huge.substring(0, 64) + "...' is not an ISO-8601 time with a zone, such as"
                + " 2025-01-15T12:00:00Z", errorOf(eventWith("\"timestamp\":\"" + huge + "\"")));
    }

    @Test
    void aKeyLongerThan1024CharactersIsABodyError() {
        assertEquals("body holds a key longer than 1024 characters",
                bodyError("[" + eventWith("\"details\":{\"" + "k".repeat(1025) + "\":1}") + "]"));
        assertEquals(1, only(eventWith("\"details\":{\"" + "k".repeat(1024) + "\":1}")).details().asMap().size());
    }

    @Test
    void numbersUpTo256CharactersAreKeptVerbatimAndLongerOnesAreABodyError() {
        String longest = "9".repeat(256);

        assertEquals("{\"n\":" + longest + ",\"e\":1e999999,\"m\":-1.5E-400}",
                only(eventWith("\"details\":{\"n\":" + longest + ",\"e\":1e999999,\"m\":-1.5E-400}")).details().json());
        assertEquals("body holds a number longer than 256 characters",
                bodyError("[" + eventWith("\"details\":{\"n\":" + longest + "9}") + "]"));
        assertEquals("body holds a number longer than 256 characters",
                bodyError("[" + eventWith("\"x\":" + longest + "9") + "]"));
    }

    @Test
    void aHugeExponentIsReadBackAsInfinityNotAnError() {
        TelemetryEvent e = only(eventWith("\"details\":{\"e\":1e999999}"));

        assertEquals(Double.POSITIVE_INFINITY, e.details().get("e"));
    }

    // ---- many tiny events ----

    @Test
    void aBodyOfAtMostOneHundredThousandEventsIsDecoded() {
        DecodeResult r = ndjson("{}\n".repeat(EventDecoder.MAX_EVENTS_PER_BODY));

        assertEquals(EventDecoder.MAX_EVENTS_PER_BODY, r.received());
        assertEquals(EventDecoder.MAX_EVENTS_PER_BODY, r.errors().size());
    }

    @Test
    void aBodyOfMoreEventsIsRefusedWholeInEveryUploadShape() {
        String expected = "body holds more than 100000 events; send them in smaller batches";
        int n = EventDecoder.MAX_EVENTS_PER_BODY + 1;

        assertEquals(expected, bodyError("[" + "{},".repeat(n - 1) + "{}]"));
        assertEquals(expected, bodyError("{\"scenario_name\":\"s\",\"events\":[" + "1,".repeat(n - 1) + "1]}"));
        assertEquals(expected, assertThrows(MalformedBodyException.class, () -> ndjson("{}\n".repeat(n))).getMessage());
        assertEquals(expected, assertThrows(MalformedBodyException.class,
                () -> ndjson("{}\n".repeat(n - 1) + "not json\n")).getMessage());
    }

    // ---- bytes that are not UTF-8 ----

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of("Latin-1 \u00fc", bytes("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"c\":\"M", 0xfc,
                        "nchen\"}}]"), "body is not valid UTF-8 at line 1, column 48"),
                Arguments.of("a 0xff byte", bytes("[", 0xff, "]"), "body is not valid UTF-8 at line 1, column 3"),
                Arguments.of("a lone continuation byte", bytes("[\"", 0x80, "\"]"), "body is not valid UTF-8 at line 1,"
                        + " column 4"),
                Arguments.of("a truncated sequence", bytes("[\"", 0xc3, "\"]"), "body is not valid UTF-8 at line 1,"
                        + " column 5"),
                Arguments.of("a five-byte sequence", bytes("[\"", 0xf8, 0x88, 0x80, 0x80, 0x80, "\"]"), "body is not"
                        + " valid UTF-8 at line 1, column 4"),
                Arguments.of("an encoded surrogate (CESU-8)", bytes("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":"
                        + "{\"m\":\"", 0xed, 0xa0, 0x80, "\"}}]"), "body is not valid UTF-8 at line 1, column 49"),
                Arguments.of("UTF-16LE", VALID.getBytes(StandardCharsets.UTF_16LE),
                        "body is not valid UTF-8 (UTF-16 and UTF-32 are not accepted)"),
                Arguments.of("UTF-16 with a byte order mark", VALID.getBytes(StandardCharsets.UTF_16),
                        "body is not valid UTF-8 (UTF-16 and UTF-32 are not accepted)"),
                Arguments.of("UTF-32", VALID.getBytes(java.nio.charset.Charset.forName("UTF-32")),
                        "body is not valid UTF-8 (UTF-16 and UTF-32 are not accepted)"),
                Arguments.of("a NUL byte first", bytes("[", 0, "]"),
                        "body is not valid UTF-8 (UTF-16 and UTF-32 are not accepted)"),
                Arguments.of("a NUL byte later", bytes("[" + VALID + ",", 0, "]"),
                        "malformed JSON at line 1, column 51: Illegal character ((CTRL-CHAR, code 0)): only regular"
                                + " white space (\\r, \\n, \\t) is allowed between tokens"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notUtf8")
    void aJsonBodyThatIsNotUtf8IsABodyError(String name, byte[] body, String expected) {
        assertEquals(expected, bodyError(body));
    }

    @Test
    void anOverlongEncodedSlashCannotSmuggleASeparatorIntoAScenario() {
        // Jackson decodes the overlong form C0 AF leniently as '/': the name rule still refuses it.
        byte[] body = bytes("[{\"scenario\":\"a", 0xc0, 0xaf, "b\",\"event\":\"e\"}]");

        assertEquals(List.of(new EventError(0, "scenario 'a/b' may only contain letters, digits, '.', '_' and '-'")),
                json(body).errors());
    }

    // ---- broken UTF-16 escapes ----

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\\ud800", "\\udc00", "x\\ud800y", "\\ud800\\ud800", "\\udc00\\ud800"})
    void anUnpairedSurrogateEscapeInDetailsIsStoredAsAReplacementCharacter(String escaped) {
        String expected = escaped.replace("\\ud800", "\ufffd").replace("\\udc00", "\ufffd");

        DecodeResult r = json("[" + eventWith("\"details\":{\"msg\":\"" + escaped + "\",\"list\":[\"" + escaped
                + "\"]}") + "," + VALID + "]");

        assertEquals(List.of(), r.errors());
        assertEquals("{\"msg\":\"" + expected + "\",\"list\":[\"" + expected + "\"]}", r.events().get(0).details().json());
    }

    @Test
    void anUnpairedSurrogateEscapeIsReplacedInNdjsonAndInATopLevelServiceId() {
        DecodeResult r = ndjson(eventWith("\"service_id\":\"svc\\ud800\",\"details\":{\"m\":\"\\udfff\"}") + "\n" + VALID);

        assertEquals(List.of(), r.errors());
        assertEquals("{\"service_id\":\"svc\ufffd\",\"m\":\"\ufffd\"}", r.events().get(0).details().json());
    }

    @Test
    void aCorrectlyPairedSurrogateEscapeIsStoredAsTheCharacterInUtf8() {
        TelemetryEvent e = only(eventWith("\"details\":{\"m\":\"\\ud83d\\ude80\"}"));

        assertEquals("{\"m\":\"\ud83d\ude80\"}", e.details().json());
        assertEquals(4 + 8, e.details().byteLength());
    }

    @Test
    void anUnpairedSurrogateEscapeInAKeyIsABodyErrorBecauseJacksonRefusesIt() {
        assertEquals("malformed JSON at line 1, column 67: Unexpected low surrogate in field name: 0xdc00",
                bodyError("[" + eventWith("\"details\":{\"\\udc00\":1}") + "]"));
    }

    @Test
    void bytesBeyondUnicodeInADetailsKeyAreStoredAsReplacementCharactersInALineThatReadsBack() {
        byte[] body = bytes("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"k", 0xf4, 0x90, 0x80, 0x80,
                "\":1}}]");

        TelemetryEvent e = json(body).events().get(0);
        byte[] line = EventLineCodec.encode(e);

        assertEquals("{\"k\ufffd\ufffd\":1}", e.details().json());
        assertEquals(e.details(), EventDecoder.create().decodeLine(line, 0, line.length - 1).details());
    }

    @Test
    void bytesBeyondUnicodeThatJacksonTurnsIntoSurrogatesAreStoredAsReplacementCharacters() {
        byte[] body = bytes("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"m\":\"", 0xf4, 0x90, 0x80, 0x80, "\"}}]");

        TelemetryEvent e = json(body).events().get(0);

        assertEquals("{\"m\":\"\ufffd\ufffd\"}", e.details().json());
    }

    @Test
    void everyStoredLineIsStrictUtf8WhateverEscapesTheBodyUsed() throws CharacterCodingException {
        String body = "[" + eventWith("\"deployment_id\":\"d\u00e9\ud83d\ude80\",\"service_id\":\"\\udbff\","
                + "\"details\":{\"a\":\"\\ud800\",\"b\":\"\\udc00\\ud83d\\ude80\",\"c\":[\"\\u0000\\u001f\\u007f\"]}") + "]";

        TelemetryEvent e = only(body.substring(1, body.length() - 1));
        byte[] line = EventLineCodec.encode(e);

        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
        assertEquals(e, Decoding.DECODER.decodeLine(line, 0, line.length - 1));
        assertTrue(Decoding.text(line).contains("\"c\":[\"\\u0000\\u001F\u007f\"]"), Decoding.text(line));
    }

    /** Bytes of the given pieces: strings as UTF-8, integers as single bytes. */
    static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : pieces) {
            if (p instanceof String) {
                out.writeBytes(utf8((String) p));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }
}
