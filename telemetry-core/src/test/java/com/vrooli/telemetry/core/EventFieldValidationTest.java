package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.RECEIVED_AT;
import static com.vrooli.telemetry.core.Decoding.errorOf;
import static com.vrooli.telemetry.core.Decoding.json;
import static com.vrooli.telemetry.core.Decoding.only;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-event validation: each bad field is an error for its event only, in exact plain words. */
class EventFieldValidationTest {

    private static final String MUST_START = "' must start with a letter or digit";
    private static final String ONLY_NAME_CHARS = "' may only contain letters, digits, '.', '_' and '-'";

    /** Hostile scenario names, as JSON string literals, and the exact error each one gets. */
    static Stream<Arguments> hostileScenarios() {
        String longest = "a".repeat(EventRules.MAX_SCENARIO_LENGTH);
        return Stream.of(
                Arguments.of("\"../x\"", "scenario '../x" + MUST_START),
                Arguments.of("\"..\"", "scenario '.." + MUST_START),
                Arguments.of("\".\"", "scenario '." + MUST_START),
                Arguments.of("\"../../etc/passwd\"", "scenario '../../etc/passwd" + MUST_START),
                Arguments.of("\"/etc/passwd\"", "scenario '/etc/passwd" + MUST_START),
                Arguments.of("\"a/b\"", "scenario 'a/b" + ONLY_NAME_CHARS),
                Arguments.of("\"x/../../y\"", "scenario 'x/../../y" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\\\b\"", "scenario 'a\\b" + ONLY_NAME_CHARS),
                Arguments.of("\"\\\\server\\\\share\"", "scenario '\\server\\share" + MUST_START),
                Arguments.of("\"C:x\"", "scenario 'C:x" + ONLY_NAME_CHARS),
                Arguments.of("\"a:stream\"", "scenario 'a:stream" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\u0000b\"", "scenario 'a\\u0000b" + ONLY_NAME_CHARS),
                Arguments.of("\"\\u0000\"", "scenario '\\u0000" + MUST_START),
                Arguments.of("\"a\\nb\"", "scenario 'a\\u000ab" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\tb\"", "scenario 'a\\u0009b" + ONLY_NAME_CHARS),
                Arguments.of("\"a b\"", "scenario 'a b" + ONLY_NAME_CHARS),
                Arguments.of("\" a\"", "scenario ' a" + MUST_START),
                Arguments.of("\"a \"", "scenario 'a " + ONLY_NAME_CHARS),
                Arguments.of("\"-x\"", "scenario '-x" + MUST_START),
                Arguments.of("\".hidden\"", "scenario '.hidden" + MUST_START),
                Arguments.of("\"_x\"", "scenario '_x" + MUST_START),
                Arguments.of("\"a%2e%2e\"", "scenario 'a%2e%2e" + ONLY_NAME_CHARS),
                Arguments.of("\"a*\"", "scenario 'a*" + ONLY_NAME_CHARS),
                Arguments.of("\"" + longest + "a\"", "scenario is longer than 128 characters"),
                Arguments.of("\"" + "\\u0000".repeat(200) + "\"", "scenario is longer than 128 characters"),
                Arguments.of("\"\"", "scenario must not be empty"),
                // Look-alikes: Cyrillic, fullwidth and accented letters are not ASCII letters.
                Arguments.of("\"\u0440icker\"", "scenario '\u0440icker" + MUST_START),
                Arguments.of("\"picker-wh\u0435\u0435l\"", "scenario 'picker-wh\u0435\u0435l" + ONLY_NAME_CHARS),
                Arguments.of("\"\uff50icker\"", "scenario '\uff50icker" + MUST_START),
                Arguments.of("\"\u00e9t\u00e9\"", "scenario '\u00e9t\u00e9" + MUST_START),
                Arguments.of("\"a\u2024\u2024b\"", "scenario 'a\u2024\u2024b" + ONLY_NAME_CHARS),
                Arguments.of("\"a\uff0fb\"", "scenario 'a\uff0fb" + ONLY_NAME_CHARS),
                // Invisible characters are escaped in the message, not echoed.
                Arguments.of("\"a\u202eb\"", "scenario 'a\\u202eb" + ONLY_NAME_CHARS),
                Arguments.of("\"a\u200bb\"", "scenario 'a\\u200bb" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\u2028b\"", "scenario 'a\\u2028b" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\u0085b\"", "scenario 'a\\u0085b" + ONLY_NAME_CHARS),
                Arguments.of("\"a\\ud800\"", "scenario 'a\\ud800" + ONLY_NAME_CHARS),
                Arguments.of("\"\ud83d\ude00\"", "scenario '\ud83d\ude00" + MUST_START));
    }

    @ParameterizedTest(name = "[{index}] scenario {0}")
    @MethodSource("hostileScenarios")
    void hostileScenarioNamesAreRefusedForTheirEventOnly(String scenarioLiteral, String expected) {
        assertEquals(expected, errorOf("{\"scenario\":" + scenarioLiteral + ",\"event\":\"app_start\"}"));
    }

    @ParameterizedTest(name = "[{index}] ?scenario={0}")
    @ValueSource(strings = {"../x", "..", "a/b", "a\\b", "a\u0000b", " ", ""})
    void aHostileDefaultScenarioIsRefusedForEveryEventThatReliesOnIt(String defaultScenario) {
        DecodeResult r = Decoding.DECODER.decode(utf8("[{\"event\":\"a\"},{\"event\":\"b\"},"
                + "{\"scenario\":\"own\",\"event\":\"c\"}]"), BodyFormat.JSON, defaultScenario, RECEIVED_AT);

        assertEquals(List.of(0, 1), r.errors().stream().map(EventError::index).toList());
        assertEquals(EventRules.scenarioProblem(defaultScenario), r.errors().get(0).error());
        assertEquals("own", r.events().get(0).scenario());
    }

    /**
     * Names that look odd but are plain file names. Windows device names ({@code CON}, {@code NUL},
     * {@code COM1}) are allowed: the design's rule is a character class, and a store on Windows
     * must cope with them.
     */
    @ParameterizedTest(name = "[{index}] scenario {0}")
    @ValueSource(strings = {"a", "Z", "0", "picker-wheel", "picker_wheel", "picker.wheel", "a..b", "a.", "a-",
            "a_", "v1.2.3", "CON", "con", "NUL", "aux", "COM1", "LPT9", "con.txt", "PRN.jsonl"})
    void plainFileNamesAreAcceptedScenarios(String scenario) {
        TelemetryEvent e = only("{\"scenario\":\"" + scenario + "\",\"event\":\"app_start\"}");

        assertEquals(scenario, e.scenario());
    }

    @Test
    void aScenarioOfExactly128CharactersIsAccepted() {
        String longest = "s".repeat(128);

        assertEquals(longest, only("{\"scenario\":\"" + longest + "\",\"event\":\"x\"}").scenario());
    }

    static Stream<Arguments> badEventTypes() {
        return Stream.of(
                Arguments.of("\"\"", "event must not be empty"),
                Arguments.of("\"" + "e".repeat(65) + "\"", "event is longer than 64 characters"),
                Arguments.of("\"app start\"", "event 'app start" + ONLY_NAME_CHARS),
                Arguments.of("\"app/start\"", "event 'app/start" + ONLY_NAME_CHARS),
                Arguments.of("\"app\\u0000\"", "event 'app\\u0000" + ONLY_NAME_CHARS),
                Arguments.of("\"\u0430pp_start\"", "event '\u0430pp_start" + ONLY_NAME_CHARS),
                Arguments.of("null", "event is required"));
    }

    @ParameterizedTest(name = "[{index}] event {0}")
    @MethodSource("badEventTypes")
    void badEventTypesAreRefused(String eventLiteral, String expected) {
        assertEquals(expected, errorOf("{\"scenario\":\"s\",\"event\":" + eventLiteral + "}"));
    }

    @ParameterizedTest(name = "[{index}] event {0}")
    @ValueSource(strings = {"app_start", "my_custom_thing", "Custom.Event-1", "x", ".", "-dash-first",
            "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"})
    void customEventTypesOfTheNameCharactersAreAccepted(String event) {
        assertEquals(event, only("{\"scenario\":\"s\",\"event\":\"" + event + "\"}").event());
    }

    @Test
    void anEventWithoutAnEventTypeIsRefused() {
        assertEquals("event is required", errorOf("{\"scenario\":\"s\"}"));
    }

    @Test
    void anEventWithoutAnyScenarioIsRefusedWithTheThreeWaysToGiveOne() {
        assertEquals("scenario is required (in the event, the envelope's scenario_name, or ?scenario=)",
                errorOf("{\"event\":\"app_start\"}"));
    }

    static Stream<Arguments> badDeploymentIds() {
        return Stream.of(
                Arguments.of("\"\"", "deployment_id must not be empty"),
                Arguments.of("\"" + "d".repeat(257) + "\"", "deployment_id is longer than 256 characters"),
                Arguments.of("\"a\\nb\"", "deployment_id must not contain control characters"),
                Arguments.of("\"a\\u0000\"", "deployment_id must not contain control characters"),
                Arguments.of("\"a\\u007f\"", "deployment_id must not contain control characters"),
                Arguments.of("\"a\\u0085\"", "deployment_id must not contain control characters"),
                Arguments.of("\"a\\ud800\"", "deployment_id is not valid Unicode text (it holds an unpaired surrogate)"),
                Arguments.of("\"\\udc00a\"", "deployment_id is not valid Unicode text (it holds an unpaired surrogate)"));
    }

    @ParameterizedTest(name = "[{index}] deployment_id {0}")
    @MethodSource("badDeploymentIds")
    void badDeploymentIdsAreRefused(String literal, String expected) {
        assertEquals(expected, errorOf("{\"scenario\":\"s\",\"event\":\"e\",\"deployment_id\":" + literal + "}"));
    }

    @ParameterizedTest(name = "[{index}] deployment_id {0}")
    @ValueSource(strings = {"deploy-123", "with spaces", "quote \" and backslash \\", "\u00fcn\u00efc\u00f6d\u00e9",
            "emoji \ud83d\ude80", "\u4e2d\u6587"})
    void deploymentIdsAreFreeTextWithoutControls(String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("scenario", "s");
        event.put("event", "e");
        event.put("deployment_id", id);

        assertEquals(id, only(Decoding.jsonOf(event)).deploymentId());
    }

    static Stream<Arguments> badEventIds() {
        String only = "event_id may only contain letters, digits, '.', '_', ':' and '-'";
        return Stream.of(
                Arguments.of("\"\"", "event_id must not be empty"),
                Arguments.of("\"" + "i".repeat(129) + "\"", "event_id is longer than 128 characters"),
                Arguments.of("\"a b\"", only),
                Arguments.of("\"a/b\"", only),
                Arguments.of("\"a\\\"b\"", only),
                Arguments.of("\"\u00e9\"", only));
    }

    @ParameterizedTest(name = "[{index}] event_id {0}")
    @MethodSource("badEventIds")
    void badEventIdsAreRefused(String literal, String expected) {
        assertEquals(expected, errorOf("{\"scenario\":\"s\",\"event\":\"e\",\"event_id\":" + literal + "}"));
    }

    @ParameterizedTest(name = "[{index}] event_id {0}")
    @ValueSource(strings = {"0190a6c2-7d1e-7c3e-9b1a-5f2e8d4c3b2a", "urn:uuid:1", "batch-7.event_3"})
    void uuidLikeEventIdsAreAccepted(String id) {
        assertEquals(id, only("{\"scenario\":\"s\",\"event\":\"e\",\"event_id\":\"" + id + "\"}").eventId());
    }

    /** Wrong JSON types for every field: field, JSON value, exact error. */
    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            scenario      | 5                | scenario must be a string, got a number
            scenario      | true             | scenario must be a string, got a boolean
            scenario      | ["s"]            | scenario must be a string, got an array
            scenario      | {"name":"s"}     | scenario must be a string, got an object
            event         | 1.5              | event must be a string, got a number
            event         | false            | event must be a string, got a boolean
            event         | ["app_start"]    | event must be a string, got an array
            deployment_id | 123              | deployment_id must be a string, got a number
            deployment_id | {"id":1}         | deployment_id must be a string, got an object
            event_id      | 42               | event_id must be a string, got a number
            event_id      | [1,2]            | event_id must be a string, got an array
            timestamp     | 1736942400       | timestamp must be a string, got a number
            timestamp     | {"s":1}          | timestamp must be a string, got an object
            timestamp     | true             | timestamp must be a string, got a boolean
            ts            | 1736942400.5     | ts must be a string, got a number
            ts            | []               | ts must be a string, got an array
            details       | []               | details must be a JSON object, got an array
            details       | [{"a":1}]        | details must be a JSON object, got an array
            details       | "version=1"      | details must be a JSON object, got a string
            details       | 5                | details must be a JSON object, got a number
            details       | true             | details must be a JSON object, got a boolean
            service_id    | true             | service_id must be a string, got a boolean
            service_id    | 1.5              | service_id must be a string, got a number
            service_id    | ["api"]          | service_id must be a string, got an array
            service_id    | {"id":"api"}     | service_id must be a string, got an object
            """)
    void wrongJsonTypesAreAnErrorForTheirEvent(String field, String value, String expected) {
        assertEquals(expected, errorOf(eventWithField(field, value)));
    }

    @Test
    @DisplayName("null means absent: deployment_id, event_id, details and service_id are left out, the timestamp is filled")
    void nullOptionalFieldsAreTreatedAsAbsent() {
        TelemetryEvent e = only("{\"scenario\":\"s\",\"event\":\"e\",\"deployment_id\":null,\"event_id\":null,"
                + "\"timestamp\":null,\"details\":null,\"service_id\":null}");

        assertEquals(new TelemetryEvent(RECEIVED_AT, "s", null, "e", null, null), e);
    }

    @Test
    void aNullScenarioFallsBackToTheDefaultScenario() {
        DecodeResult r = Decoding.DECODER.decode(utf8("{\"scenario\":null,\"event\":\"e\"}"), BodyFormat.JSON,
                "fallback", RECEIVED_AT);

        assertEquals("fallback", r.events().get(0).scenario());
    }

    @Test
    void anIntegerServiceIdIsKeptAsItsText() {
        assertEquals("{\"service_id\":\"5\"}", only(eventWithField("service_id", "5")).details().json());
    }

    @Test
    void theFirstProblemOfAnEventIsTheOneReported() {
        assertEquals("scenario must be a string, got a number",
                errorOf("{\"scenario\":1,\"event\":2,\"timestamp\":\"never\"}"));
    }

    @Test
    void everyInvalidEventOfABatchIsReportedWithItsOwnIndex() {
        DecodeResult r = json("[{\"scenario\":\"ok\",\"event\":\"a\"},{\"scenario\":\"../x\",\"event\":\"b\"},"
                + "{\"scenario\":\"ok\",\"event\":\"c\"},{\"scenario\":\"ok\"},{\"scenario\":\"ok\",\"event\":\"d\"}]");

        assertEquals(5, r.received());
        assertEquals(List.of("a", "c", "d"), r.events().stream().map(TelemetryEvent::event).toList());
        assertEquals(List.of(new EventError(1, "scenario '../x" + MUST_START), new EventError(3, "event is required")),
                r.errors());
    }

    @Test
    void theModelRefusesWhatTheDecoderRefuses() {
        Instant t = Instant.EPOCH;
        assertEquals("scenario '../x" + MUST_START,
                assertThrows(IllegalArgumentException.class, () -> TelemetryEvent.of(t, "../x", "e")).getMessage());
        assertEquals("event is required",
                assertThrows(IllegalArgumentException.class, () -> TelemetryEvent.of(t, "s", null)).getMessage());
        assertEquals("deployment_id is not valid Unicode text (it holds an unpaired surrogate)",
                assertThrows(IllegalArgumentException.class,
                        () -> TelemetryEvent.of(t, "s", "e").withDeploymentId("\ud800")).getMessage());
        assertThrows(NullPointerException.class, () -> TelemetryEvent.of(null, "s", "e"));
        assertNull(EventRules.scenarioProblem("CON"));
    }

    /** The minimal event with {@code field} set to the JSON {@code value} (replacing it if present). */
    static String eventWithField(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("scenario", "\"picker-wheel\"");
        fields.put("event", "\"app_start\"");
        fields.put(field, value);
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }
}
