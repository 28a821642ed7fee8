package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.text;
import static com.vrooli.telemetry.core.Decoding.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON of the API's answers, field for field as the API document shows them. */
class WireJsonTest {

    private static final Instant T = Instant.parse("2025-01-15T14:25:00Z");

    private static IngestResult result(int received, int stored, int duplicates, List<EventError> errors) {
        return new IngestResult(received, stored, duplicates, errors,
                stored == 0 ? Map.of() : Map.of("s", stored), duplicates == 0 ? Map.of() : Map.of("s", duplicates));
    }

    static Stream<Arguments> ingestAnswers() {
        List<EventError> oneError = List.of(new EventError(1, "scenario '../x' must start with a letter or digit"));
        return Stream.of(
                Arguments.of("all stored", result(2, 2, 0, List.of()),
                        "{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}"),
                Arguments.of("empty", result(0, 0, 0, List.of()),
                        "{\"status\":\"accepted\",\"events_received\":0,\"events_stored\":0}"),
                Arguments.of("some rejected", result(3, 2, 0, oneError),
                        "{\"status\":\"partial\",\"events_received\":3,\"events_stored\":2,\"events_rejected\":1,"
                                + "\"errors\":[{\"index\":1,\"error\":\"scenario '../x' must start with a letter or digit\"}]}"),
                Arguments.of("all rejected", result(2, 0, 0, List.of(new EventError(0, "event is required"),
                                new EventError(1, "details must be a JSON object, got an array"))),
                        "{\"status\":\"rejected\",\"events_received\":2,\"events_stored\":0,\"events_rejected\":2,"
                                + "\"errors\":[{\"index\":0,\"error\":\"event is required\"},"
                                + "{\"index\":1,\"error\":\"details must be a JSON object, got an array\"}]}"),
                Arguments.of("a retried batch", result(2, 0, 2, List.of()),
                        "{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":0,\"duplicates\":2}"),
                Arguments.of("partly retried", result(3, 1, 1, List.of()),
                        "{\"status\":\"accepted\",\"events_received\":3,\"events_stored\":1,\"duplicates\":1}"),
                Arguments.of("duplicates and a rejection", result(3, 0, 2, oneError),
                        "{\"status\":\"partial\",\"events_received\":3,\"events_stored\":0,\"duplicates\":2,"
                                + "\"events_rejected\":1,\"errors\":[{\"index\":1,\"error\":\"scenario '../x' must start"
                                + " with a letter or digit\"}]}"),
                Arguments.of("an error with quotes", result(1, 0, 0, List.of(new EventError(0, "scenario 'a\"b\\\\c'"))),
                        "{\"status\":\"rejected\",\"events_received\":1,\"events_stored\":0,\"events_rejected\":1,"
                                + "\"errors\":[{\"index\":0,\"error\":\"scenario 'a\\\"b\\\\\\\\c'\"}]}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ingestAnswers")
    void theUploadAnswerIsExactlyTheDocumentedJson(String name, IngestResult result, String expected) {
        assertEquals(expected, text(WireJson.ingestResult(result)));
    }

    @Test
    void anUploadAnswerListsAtMostTheFirstThousandErrorsAndCountsThemAll() throws IOException {
        List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            errors.add(new EventError(i, "event is required"));
        }
        IngestResult result = new IngestResult(1500, 0, 0, errors, Map.of(), Map.of());

        JsonNode answer = TelemetryJson.mapper().readTree(WireJson.ingestResult(result));

        assertEquals(1500, answer.path("events_rejected").asInt());
        assertEquals(WireJson.MAX_LISTED_ERRORS, answer.path("errors").size());
        assertEquals(999, answer.path("errors").path(999).path("index").asInt());
    }

    @Test
    void errorAnswersHaveAStatusAndPlainWords() {
        byte[] answer = WireJson.error("body nests deeper than 64 levels");

        assertEquals("{\"status\":\"error\",\"error\":\"body nests deeper than 64 levels\"}", text(answer));
        assertEquals("body nests deeper than 64 levels", WireJson.readError(answer));
        assertNull(WireJson.readError(utf8("{\"status\":\"accepted\"}")));
        assertNull(WireJson.readError(utf8("<html>502 Bad Gateway</html>")));
    }

    /** The API document's GET /telemetry example, as data. */
    private static List<ScenarioSummary> documentExample() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("migration_failed", 2L);
        counts.put("dependency_unreachable", 5L);
        counts.put("secrets_missing", 1L);
        Details details = Details.parse("{ \"service\": \"sqlite\", \"reason\": \"connection timeout\" }");
        return List.of(
                new ScenarioSummary("picker-wheel", 1523, Instant.parse("2025-01-15T14:30:00Z"), counts,
                        List.of(new FailureEntry(T, "dependency_unreachable", null, null, details))),
                new ScenarioSummary("shared-auth", 892, Instant.parse("2025-01-15T14:28:00Z"), Map.of(), List.of()));
    }

    private static final String DOCUMENT_ANSWER = """
            {
              "scenarios": [
                {
                  "scenario": "picker-wheel",
                  "total_events": 1523,
                  "last_event": "2025-01-15T14:30:00Z",
                  "failure_counts": {
                    "migration_failed": 2,
                    "dependency_unreachable": 5,
                    "secrets_missing": 1
                  },
                  "recent_failures": [
                    {
                      "timestamp": "2025-01-15T14:25:00Z",
                      "event": "dependency_unreachable",
                      "details": { "service": "sqlite", "reason": "connection timeout" }
                    }
                  ]
                },
                {
                  "scenario": "shared-auth",
                  "total_events": 892,
                  "last_event": "2025-01-15T14:28:00Z",
                  "failure_counts": {},
                  "recent_failures": []
                }
              ],
              "total_scenarios": 2
            }
            """;

    @Test
    void theSummariesAnswerIsTheDocumentsExample() throws IOException {
        JsonNode expected = TelemetryJson.mapper().readTree(DOCUMENT_ANSWER);

        JsonNode actual = TelemetryJson.mapper().readTree(WireJson.summaries(documentExample()));

        assertEquals(expected, actual);
    }

    @Test
    void theSummariesAnswerHasAFixedKeyOrder() {
        assertEquals("{\"scenarios\":[{\"scenario\":\"shared-auth\",\"total_events\":892,"
                        + "\"last_event\":\"2025-01-15T14:28:00Z\",\"failure_counts\":{},\"recent_failures\":[]}],"
                        + "\"total_scenarios\":1}",
                text(WireJson.summaries(List.of(documentExample().get(1)))));
        assertEquals("{\"scenarios\":[],\"total_scenarios\":0}", text(WireJson.summaries(List.of())));
    }

    @Test
    void aRecentFailureShowsItsDeploymentIdWhenItHasOne() {
        ScenarioSummary s = new ScenarioSummary("s", 1, T, Map.of("crash", 1L),
                List.of(new FailureEntry(T, "crash", "deploy-\"7\"", "id-1", null)));

        assertEquals("{\"scenario\":\"s\",\"total_events\":1,\"last_event\":\"2025-01-15T14:25:00Z\","
                        + "\"failure_counts\":{\"crash\":1},\"recent_failures\":[{\"timestamp\":\"2025-01-15T14:25:00Z\","
                        + "\"event\":\"crash\",\"deployment_id\":\"deploy-\\\"7\\\"\"}]}",
                text(WireJson.summary(s)));
    }

    @Test
    void summariesReadBackToTheSameSummaries() {
        List<ScenarioSummary> summaries = new java.util.ArrayList<>(documentExample());
        summaries.add(new ScenarioSummary("deep", 3, T, Map.of("x_failed", 3L), List.of(
                new FailureEntry(T, "x_failed", "d\u00e9ploy \ud83d\ude80", null, Details.of(deepMap(32))),
                new FailureEntry(T.minusNanos(1), "x_failed", null, null, null))));

        assertEquals(summaries, WireJson.readSummaries(WireJson.summaries(summaries)));
        assertEquals(summaries.get(0), WireJson.readSummary(WireJson.summary(summaries.get(0))));
    }

    @Test
    void theEventIdOfARecentFailureIsNotPartOfTheAnswer() {
        ScenarioSummary s = new ScenarioSummary("s", 1, T, Map.of("crash", 1L),
                List.of(new FailureEntry(T, "crash", null, "id-1", null)));

        assertNull(WireJson.readSummary(WireJson.summary(s)).recentFailures().get(0).eventId());
    }

    @Test
    void eventPagesReadBackToTheSamePage() {
        List<TelemetryEvent> events = List.of(
                new TelemetryEvent(T, "picker-wheel", "deploy-\"1\"\\", "service_stopped", "id:1",
                        Details.parse("{\"service_id\":\"api\",\"exit_code\":137}")),
                new TelemetryEvent(T.plusNanos(123_456_789), "picker-wheel", null, "custom.thing", null, null),
                new TelemetryEvent(T, "picker-wheel", null, "crash", null, Details.of(deepMap(32))));

        for (EventPage page : List.of(new EventPage(events, "o42"), new EventPage(events, null), EventPage.empty())) {
            assertEquals(page, WireJson.readEventPage(WireJson.eventPage(page)));
        }
    }

    @Test
    void anEventIsShownWithTheUploadFieldNamesAndItsLevel() {
        TelemetryEvent e = new TelemetryEvent(T, "picker-wheel", "deploy-123", "service_stopped", "id-1",
                Details.parse("{\"exit_code\":1}"));

        assertEquals("{\"timestamp\":\"2025-01-15T14:25:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                        + "\"event\":\"service_stopped\",\"event_id\":\"id-1\",\"level\":\"warn\",\"details\":{\"exit_code\":1}}",
                text(WireJson.event(e)));
        assertEquals("{\"events\":[],\"next_cursor\":null}", text(WireJson.eventPage(EventPage.empty())));
    }

    static Stream<Arguments> notAnswers() {
        return Stream.of(
                Arguments.of("{}", "answer has no 'scenarios' array"),
                Arguments.of("{\"scenarios\":{}}", "answer has no 'scenarios' array"),
                Arguments.of("[", "answer ends before its JSON is complete at line 1, column 2"),
                Arguments.of("{\"scenarios\":[{\"scenario\":\"s\",\"last_event\":\"yesterday\"}]}",
                        "answer is not a scenario summary: Text 'yesterday' could not be parsed at index 0"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notAnswers")
    void somethingThatIsNotASummariesAnswerIsAClearError(String json, String expected) {
        assertEquals(expected, assertThrows(MalformedBodyException.class,
                () -> WireJson.readSummaries(utf8(json))).getMessage());
    }

    @Test
    void somethingThatIsNotAnEventPageIsAClearError() {
        assertEquals("answer has no 'events' array",
                assertThrows(MalformedBodyException.class, () -> WireJson.readEventPage(utf8("{\"events\":1}"))).getMessage());
        assertEquals("answer holds an invalid event: scenario '../x' must start with a letter or digit",
                assertThrows(MalformedBodyException.class, () -> WireJson.readEventPage(utf8("{\"events\":[{\"timestamp\":"
                        + "\"2025-01-15T14:25:00Z\",\"scenario\":\"../x\",\"event\":\"e\"}]}"))).getMessage());
    }

    /** Maps nested {@code levels} deep in total, the outer map included. */
    private static Map<String, Object> deepMap(int levels) {
        Map<String, Object> m = Map.of("leaf", "\u00e9");
        for (int i = 1; i < levels; i++) {
            m = Map.of("n", m);
        }
        return m;
    }
}
