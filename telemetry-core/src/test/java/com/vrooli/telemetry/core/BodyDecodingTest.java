package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.RECEIVED_AT;
import static com.vrooli.telemetry.core.Decoding.VALID;
import static com.vrooli.telemetry.core.Decoding.bodyError;
import static com.vrooli.telemetry.core.Decoding.errorOf;
import static com.vrooli.telemetry.core.Decoding.json;
import static com.vrooli.telemetry.core.Decoding.ndjson;
import static com.vrooli.telemetry.core.Decoding.only;
import static com.vrooli.telemetry.core.Decoding.text;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes of an upload body (array, single object, envelope) and what makes a whole JSON body unreadable. */
class BodyDecodingTest {

    @ParameterizedTest(name = "[{index}] {0} body {1}")
    @MethodSource("blankBodies")
    void anEmptyOrBlankBodyIsOneClearError(BodyFormat format, String body) {
        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> Decoding.DECODER.decode(utf8(body), format, null, RECEIVED_AT));

        assertEquals("request body is empty", e.getMessage());
    }

    static Stream<Arguments> blankBodies() {
        return Stream.of(BodyFormat.values()).flatMap(f -> Stream.of("", " ", "\n", "\r\n\r\n", " \t \n ")
                .map(b -> Arguments.of(f, b)));
    }

    static Stream<Arguments> unreadableBodies() {
        String wrongShape = "body must be a JSON array of events, an event object or an envelope with \"events\", got ";
        return Stream.of(
                Arguments.of("42", wrongShape + "a number"),
                Arguments.of("\"event\"", wrongShape + "a string"),
                Arguments.of("null", wrongShape + "null"),
                Arguments.of("true", wrongShape + "a boolean"),
                Arguments.of("[] x", "malformed JSON at line 1, column 4: Unrecognized token 'x': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("[]]", "malformed JSON at line 1, column 3: Unexpected close marker ']': no open Array"
                        + " to close"),
                Arguments.of("[][]", "unexpected content after the JSON value"),
                Arguments.of(VALID + "{}", "unexpected content after the JSON value"),
                Arguments.of(VALID + "\n" + VALID, "unexpected content after the JSON value"),
                Arguments.of("[", "body ends before its JSON is complete at line 1, column 2"),
                Arguments.of("[{\"scenario\":\"s\"", "body ends before its JSON is complete at line 1, column 17"),
                Arguments.of("[{\"scenario\":\"s", "body ends before its JSON is complete at line 1, column 16"),
                Arguments.of("[{\"scenario\":\"s\",\"event\":\"e\"},", "body ends before its JSON is complete"
                        + " at line 1, column 31"),
                Arguments.of("[\n  {\"scenario\":\"s\",\n", "body ends before its JSON is complete at line 3,"
                        + " column 1"),
                Arguments.of("{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"a\":", "body ends before its JSON"
                        + " is complete at line 1, column 44"),
                Arguments.of("[{'scenario':'s'}]", "malformed JSON at line 1, column 3: Unexpected character"
                        + " (''' (code 39)): was expecting double-quote to start field name"),
                Arguments.of("[" + VALID + ",]", "malformed JSON at line 1, column 50: Unexpected character"
                        + " (']' (code 93)): expected a value"),
                Arguments.of("[" + VALID + "/* why */]", "malformed JSON at line 1, column 49: Unexpected character"
                        + " ('/' (code 47)): maybe a (non-standard) comment?"),
                Arguments.of("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"x\":NaN}}]", "malformed JSON"
                        + " at line 1, column 48: Non-standard token 'NaN'"),
                Arguments.of("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"x\":01}}]", "malformed JSON"
                        + " at line 1, column 46: Invalid numeric value: Leading zeroes not allowed"),
                Arguments.of("[{\"scenario\":\"a\u0001b\"}]", "malformed JSON at line 1, column 16: Illegal"
                        + " unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be"
                        + " included in string value"),
                Arguments.of("[{\"scenario\":\"a\\qb\"}]", "malformed JSON at line 1, column 17: Unrecognized"
                        + " character escape 'q' (code 113)"),
                Arguments.of("[" + "x".repeat(1000) + "]", "malformed JSON at line 1, column 2: Unrecognized token '"
                        + "x".repeat(32) + "...': was expecting (JSON String, Number, Array, Object or token 'null',"
                        + " 'true' or 'false')"),
                Arguments.of("hello", "malformed JSON at line 1, column 1: Unrecognized token 'hello': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("{\"events\":{}}", "envelope field 'events' must be an array, got an object"),
                Arguments.of("{\"events\":null}", "envelope field 'events' must be an array, got null"),
                Arguments.of("{\"events\":[],\"events\":[]}", "field 'events' appears twice in the envelope"),
                Arguments.of("{\"scenario_name\":5,\"events\":[]}", "envelope field 'scenario_name' must be a string,"
                        + " got a number"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("unreadableBodies")
    void aBodyThatCannotBeReadIsOneClearError(String body, String expected) {
        assertEquals(expected, bodyError(body));
    }

    @Test
    void anEmptyArrayIsAcceptedWithNothingInIt() {
        DecodeResult r = json("[]");

        assertEquals(new DecodeResult(0, List.of(), List.of()), r);
    }

    @Test
    void aSingleEventObjectIsABodyOfOneEvent() {
        DecodeResult r = json("{\"scenario\":\"s\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:05Z\"}");

        assertEquals(1, r.received());
        assertEquals(TelemetryEvent.of(Instant.parse("2025-01-15T12:00:05Z"), "s", "ready"), r.events().get(0));
    }

    @Test
    void aSingleInvalidEventObjectIsAnEventErrorNotABodyError() {
        DecodeResult r = json("{\"scenario\":\"../x\",\"event\":\"ready\"}");

        assertEquals(List.of(new EventError(0, "scenario '../x' must start with a letter or digit")), r.errors());
    }

    @Test
    void nullAndNonObjectEventsAreErrorsAtTheirIndexAndTheOthersGoOn() {
        DecodeResult r = json("[null," + VALID + ",1,\"app_start\",[],[" + VALID + "],true,{}," + VALID + "]");

        assertEquals(9, r.received());
        assertEquals(2, r.events().size());
        assertEquals(List.of(
                new EventError(0, "event must be a JSON object, got null"),
                new EventError(2, "event must be a JSON object, got a number"),
                new EventError(3, "event must be a JSON object, got a string"),
                new EventError(4, "event must be a JSON object, got an array"),
                new EventError(5, "event must be a JSON object, got an array"),
                new EventError(6, "event must be a JSON object, got a boolean"),
                new EventError(7, "scenario is required (in the event, the envelope's scenario_name, or ?scenario=)")),
                r.errors());
    }

    @Test
    void theDefaultScenarioFillsEventsThatNameNone() {
        DecodeResult r = Decoding.DECODER.decode(utf8("[{\"event\":\"a\"},{\"scenario\":\"own\",\"event\":\"b\"}]"),
                BodyFormat.JSON, "from-query", RECEIVED_AT);

        assertEquals(List.of("from-query", "own"), r.events().stream().map(TelemetryEvent::scenario).toList());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // scenario_name before the events
        "{\"scenario_name\":\"envelope\",\"deployment_mode\":\"desktop\",\"source\":\"runtime\",\"events\":["
                + "{\"event\":\"a\"},{\"scenario\":\"own\",\"event\":\"b\"}]}",
        // scenario_name after the events: it still applies to them
        "{\"deployment_mode\":\"desktop\",\"events\":[{\"event\":\"a\"},{\"scenario\":\"own\",\"event\":\"b\"}],"
                + "\"source\":\"runtime\",\"scenario_name\":\"envelope\"}"})
    void theEnvelopeScenarioNameIsTheDefaultOfItsEventsWhereverItStands(String body) {
        DecodeResult r = Decoding.DECODER.decode(utf8(body), BodyFormat.JSON, "from-query", RECEIVED_AT);

        assertEquals(List.of(), r.errors());
        assertEquals(List.of("envelope", "own"), r.events().stream().map(TelemetryEvent::scenario).toList());
    }

    @Test
    void scenarioPrecedenceIsTheEventsOwnThenTheEnvelopesThenTheCallers() {
        String body = "{\"events\":[{\"event\":\"a\"},{\"scenario\":\"own\",\"event\":\"b\"}]}";

        DecodeResult withoutName = Decoding.DECODER.decode(utf8(body), BodyFormat.JSON, "from-query", RECEIVED_AT);
        DecodeResult nullName = Decoding.DECODER.decode(utf8("{\"scenario_name\":null," + body.substring(1)),
                BodyFormat.JSON, "from-query", RECEIVED_AT);

        assertEquals(List.of("from-query", "own"), withoutName.events().stream().map(TelemetryEvent::scenario).toList());
        assertEquals(List.of("from-query", "own"), nullName.events().stream().map(TelemetryEvent::scenario).toList());
    }

    @Test
    void anEnvelopeWithoutAnyScenarioRejectsEventsWithoutOne() {
        DecodeResult r = json("{\"deployment_mode\":\"server\",\"events\":[{\"event\":\"a\"}]}");

        assertEquals(List.of(new EventError(0,
                "scenario is required (in the event, the envelope's scenario_name, or ?scenario=)")), r.errors());
    }

    @Test
    void anEnvelopeMayGiveADefaultDeploymentIdAndAnEventsOwnWins() {
        DecodeResult r = json("{\"scenario_name\":\"s\",\"deployment_id\":\"d-env\",\"events\":["
                + "{\"event\":\"a\"},{\"event\":\"b\",\"deployment_id\":\"d-own\"}]}");

        assertEquals(List.of("d-env", "d-own"), r.events().stream().map(TelemetryEvent::deploymentId).toList());
    }

    @Test
    void anEnvelopeWithNoEventsIsAcceptedEmpty() {
        assertEquals(new DecodeResult(0, List.of(), List.of()), json("{\"scenario_name\":\"s\",\"events\":[]}"));
    }

    @Test
    void envelopeEventErrorsAreIndexedWithinItsEventsArray() {
        DecodeResult r = json("{\"scenario_name\":\"s\",\"events\":[{\"event\":\"a\"},null,{\"event\":\"a b\"}]}");

        assertEquals(List.of(new EventError(1, "event must be a JSON object, got null"),
                new EventError(2, "event 'a b' may only contain letters, digits, '.', '_' and '-'")), r.errors());
    }

    @Test
    void tsIsAnAliasOfTimestamp() {
        TelemetryEvent e = only("{\"scenario\":\"s\",\"event\":\"e\",\"ts\":\"2025-01-15T12:00:00Z\"}");

        assertEquals(Instant.parse("2025-01-15T12:00:00Z"), e.timestamp());
    }

    /**
     * Both spellings in one event are refused, even when they agree: which one a sender meant is
     * a guess, and a stored time must not be.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "\"ts\":\"2025-01-15T12:00:00Z\",\"timestamp\":\"2025-01-15T12:00:00Z\"",
        "\"timestamp\":\"2025-01-15T12:00:00Z\",\"ts\":\"2025-01-15T13:00:00Z\"",
        "\"ts\":null,\"timestamp\":\"2025-01-15T12:00:00Z\""})
    void bothTsAndTimestampInOneEventAreRefused(String fields) {
        assertEquals("fields 'timestamp' and 'ts' are the same field; send only one",
                errorOf(Decoding.eventWith(fields)));
    }

    @ParameterizedTest(name = "[{index}] {0} twice")
    @ValueSource(strings = {"scenario", "event", "deployment_id", "event_id", "timestamp", "ts", "details",
            "service_id"})
    void aTopLevelFieldGivenTwiceIsAnErrorForItsEvent(String field) {
        String value = switch (field) {
            case "timestamp", "ts" -> "\"2025-01-15T12:00:00Z\"";
            case "details" -> "{\"a\":1}";
            default -> "\"x\"";
        };
        String event = "{\"scenario\":\"s\",\"event\":\"e\",\"" + field + "\":" + value + ",\"" + field + "\":" + value + "}";
        if (field.equals("scenario") || field.equals("event")) {
            event = "{\"" + field + "\":\"x\",\"" + (field.equals("scenario") ? "event" : "scenario") + "\":\"s\",\""
                    + field + "\":\"y\"}";
        }

        assertEquals("field '" + field + "' appears twice", errorOf(event));
    }

    @Test
    void aRepeatedFieldWithAnObjectValueDoesNotLeakItsKeysIntoTheEvent() {
        // The second "details" must be skipped whole; read key by key it would end the event early.
        DecodeResult r = json("[{\"scenario\":\"s\",\"event\":\"e\",\"details\":{},"
                + "\"details\":{\"scenario\":\"t\",\"x\":[{}]},\"event_id\":\"id\"}," + VALID + "]");

        assertEquals(2, r.received());
        assertEquals(List.of(new EventError(0, "field 'details' appears twice")), r.errors());
        assertEquals(1, r.events().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"b\":2,\"a\":1}",
        "{\"outer\":{\"a\":1,\"a\":1}}",
        "{\"list\":[{\"a\":1},{\"a\":1,\"a\":2}]}",
        "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,"
                + "\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"a\":1,\"a\":2}",
        "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,"
                + "\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"a\":1,\"a\":2}"})
    void aDuplicateKeyInsideDetailsIsAnErrorForItsEvent(String details) {
        assertEquals("key 'a' appears twice in details", errorOf(Decoding.eventWith("\"details\":" + details)));
    }

    @Test
    void theSameKeyInSiblingObjectsOfDetailsIsNoDuplicate() {
        TelemetryEvent e = only(Decoding.eventWith("\"details\":{\"x\":{\"a\":1},\"y\":{\"a\":2},\"z\":[{\"a\":3},{\"a\":4}]}"));

        assertEquals("{\"x\":{\"a\":1},\"y\":{\"a\":2},\"z\":[{\"a\":3},{\"a\":4}]}", e.details().json());
    }

    @Test
    void unknownTopLevelKeysAreIgnoredAndNotStored() {
        TelemetryEvent e = only("{\"level\":\"error\",\"scenario\":\"s\",\"message\":\"m\",\"event\":\"e\","
                + "\"extra\":{\"nested\":[1,{\"scenario\":\"evil\"}]},\"details\":{\"k\":1},\"tags\":[\"a\"]}");

        assertEquals("{\"ts\":\"2025-01-15T13:00:00Z\",\"scenario\":\"s\",\"event\":\"e\",\"details\":{\"k\":1}}\n",
                text(EventLineCodec.encode(e)));
    }

    @Test
    void aTopLevelServiceIdIsFoldedIntoDetails() {
        assertEquals("{\"service_id\":\"api\"}",
                only(Decoding.eventWith("\"service_id\":\"api\"")).details().json());
        assertEquals("{\"service_id\":\"api\"}",
                only(Decoding.eventWith("\"service_id\":\"api\",\"details\":{}")).details().json());
        assertEquals("{\"service_id\":\"api\",\"pid\":42,\"port\":8080}",
                only(Decoding.eventWith("\"details\":{\"pid\":42,\"port\":8080},\"service_id\":\"api\"")).details().json());
    }

    @Test
    void aTopLevelServiceIdDoesNotOverrideTheOneInDetails() {
        TelemetryEvent e = only(Decoding.eventWith("\"service_id\":\"top\",\"details\":{\"service_id\":\"inner\",\"n\":1}"));

        assertEquals("{\"service_id\":\"inner\",\"n\":1}", e.details().json());
    }

    @Test
    void aServiceIdWithCharactersToEscapeIsFoldedAsValidJson() {
        TelemetryEvent e = only(Decoding.eventWith("\"service_id\":\"a\\\"b\\\\c\\n\",\"details\":{\"n\":1}"));

        assertEquals("a\"b\\c\n", e.details().get("service_id"));
        assertEquals(1, e.details().get("n"));
    }

    @Test
    void detailsAreStoredCompactAsWrittenWithNumbersKeptVerbatim() {
        TelemetryEvent e = only(Decoding.eventWith("\"details\" : { \"a\" : 1.50 , \"b\" : -0, \"c\":1E+2,"
                + " \"d\": [ true , false , null ], \"e\" : { } , \"f\":\"\u00e9\\u00e9\ud83d\ude00\\ud83d\\ude00\" }"));

        assertEquals("{\"a\":1.50,\"b\":-0,\"c\":1E+2,\"d\":[true,false,null],\"e\":{},"
                + "\"f\":\"\u00e9\u00e9\ud83d\ude00\ud83d\ude00\"}", e.details().json());
    }

    @Test
    void aByteOrderMarkBeforeTheBodyIsTolerated() {
        assertEquals(1, json("\ufeff[" + VALID + "]").events().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(BodyFormat.class)
    void aBodyOverTheLimitIsRefusedBeforeParsing(BodyFormat format) {
        EventDecoder small = EventDecoder.create(new DecodeLimits(1024, 512));
        byte[] body = utf8("[" + (VALID + ",").repeat(30) + VALID + "]");

        MalformedBodyException e = assertThrows(MalformedBodyException.class,
                () -> small.decode(body, format, null, RECEIVED_AT));

        assertEquals("body is " + body.length + " bytes; the limit is 1024", e.getMessage());
    }

    @Test
    void aSliceOfALargerArrayIsDecodedWithoutTheBytesAroundIt() {
        byte[] buffer = utf8("garbage[" + VALID + "]garbage");

        DecodeResult r = Decoding.DECODER.decode(buffer, 7, buffer.length - 14, BodyFormat.JSON, null, RECEIVED_AT);

        assertEquals(1, r.events().size());
    }

    @Test
    void eventsWithoutATimestampGetTheReceptionTime() {
        assertEquals(RECEIVED_AT, only(VALID).timestamp());
    }

    @Test
    void aStoredLineDecodesToItsEvent() {
        byte[] line = utf8("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"s\",\"deployment_id\":\"d\",\"event\":\"e\","
                + "\"event_id\":\"i\",\"details\":{\"k\":[1]}}\r");

        TelemetryEvent e = Decoding.DECODER.decodeLine(line, 0, line.length);

        assertEquals(new TelemetryEvent(Instant.parse("2025-01-15T12:00:00Z"), "s", "d", "e", "i",
                Details.parse("{\"k\":[1]}")), e);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badStoredLines")
    void aBadStoredLineIsOneClearError(String line, String expected) {
        byte[] bytes = utf8(line);

        assertEquals(expected, assertThrows(MalformedBodyException.class,
                () -> Decoding.DECODER.decodeLine(bytes, 0, bytes.length)).getMessage());
    }

    static Stream<Arguments> badStoredLines() {
        return Stream.of(
                Arguments.of("", "line is empty"),
                Arguments.of("   ", "line is empty"),
                Arguments.of("{\"scenario\":\"s\",\"event\":\"e\"}", "timestamp is required"),
                Arguments.of("{\"ts\":\"2025-01-15T12:00:00Z\",\"event\":\"e\"}",
                        "scenario is required (in the event, the envelope's scenario_name, or ?scenario=)"),
                Arguments.of("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"s\",\"event\":\"e\"", "line ends before"
                        + " its JSON is complete at column 56"),
                Arguments.of("[]", "event must be a JSON object, got an array"),
                Arguments.of("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"s\",\"event\":\"e\"} {}",
                        "unexpected content after the event on its line"));
    }
}
