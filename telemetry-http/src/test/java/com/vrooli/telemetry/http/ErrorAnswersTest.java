package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.WireJson;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error status with its exact JSON body. */
class ErrorAnswersTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("an unknown path is 404")
    void unknownRoute() {
        ServerExtension.Answer a = server.get("/api/v2/nothing");

        assertEquals(404, a.status());
        assertEquals("application/json", a.header("Content-Type"));
        assertEquals("{\"status\":\"error\",\"error\":\"unknown endpoint: GET /api/v2/nothing\"}", a.body());
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/telemetry/ghost", "/api/v1/telemetry/ghost/events"})
    @DisplayName("a scenario without events is 404")
    void unknownScenario(String path) {
        ServerExtension.Answer a = server.get(path);

        assertEquals(404, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"unknown scenario 'ghost'\"}", a.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "PUT, /api/v1/telemetry/upload, POST",
        "GET, /api/v1/telemetry/upload, POST",
        "POST, /api/v1/telemetry, 'GET, HEAD'",
        "DELETE, /api/v1/telemetry/picker-wheel, 'GET, HEAD'",
        "POST, /health, 'GET, HEAD'",
    })
    @DisplayName("a known path with another method is 405 with Allow")
    void wrongMethod(String method, String path, String allow) {
        ServerExtension.Answer a = server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("[]")));

        assertEquals(405, a.status());
        assertEquals(allow, a.header("Allow"));
        assertEquals("{\"status\":\"error\",\"error\":\"method " + method + " is not allowed on " + path + "; use "
                + allow + "\"}", a.body());
    }

    @ParameterizedTest(name = "[{index}] body {0}")
    @ValueSource(strings = {"[{\"scenario\":", "{\"events\": 3}", "\"just a string\"", "[1, 2] [3]", "   ",
        "[{\"scenario\":\"a\",\"event\":\"b\"}] trailing"})
    @DisplayName("a body that is not JSON events at all is 400 with the decoder's words")
    void malformedBody(String body) {
        ServerExtension.Answer a = server.post(UPLOAD, "application/json", body);

        assertEquals(400, a.status());
        assertEquals(new String(WireJson.error(decoderMessage(body)), StandardCharsets.UTF_8), a.body());
    }

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', value = {
        "limit=0|limit must be a whole number from 1 to 10000; got '0'",
        "limit=ten|limit must be a whole number from 1 to 10000; got 'ten'",
        "limit=1&limit=2|parameter 'limit' may be given only once",
        "level=fatal|level must be one of info, warn, error; got 'fatal'",
        "since=yesterday|since 'yesterday' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
        "until=2025-01-15T12:00:00|until '2025-01-15T12:00:00' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
        "since=2025-01-15T12:00:00Z&until=2025-01-15T11:00:00Z|since must be before until",
        "order=sideways|order must be newest or oldest; got 'sideways'",
        "cursor=bogus|cursor was not issued for this query",
    })
    @DisplayName("an invalid events query is 400")
    void invalidQuery(String query, String message) {
        server.post(UPLOAD, "application/x-ndjson", DocumentExamples.NDJSON);

        ServerExtension.Answer a = server.get("/api/v1/telemetry/picker-wheel/events?" + query);

        assertEquals(400, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"" + message + "\"}", a.body());
    }

    @Test
    @DisplayName("a store that cannot write is 503 with Retry-After, and health says so")
    void storeUnavailable() {
        server.store().close();

        ServerExtension.Answer upload = server.post(UPLOAD, "application/x-ndjson",
                DocumentExamples.NDJSON);
        ServerExtension.Answer health = server.get("/health");

        assertEquals(503, upload.status());
        assertEquals("5", upload.header("Retry-After"));
        assertEquals("{\"status\":\"error\",\"error\":\"the telemetry store cannot accept writes right now;"
                + " retry later\"}", upload.body());
        assertEquals(503, health.status());
        assertEquals("{\"status\":\"error\",\"error\":\"the telemetry store is not writable: store is closed\","
                + "\"store_writable\":false}", health.body());
    }

    private static String decoderMessage(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return assertThrows(MalformedBodyException.class, () -> EventDecoder.create()
                .decode(bytes, BodyFormat.JSON, null, ServerExtension.NOW)).getMessage();
    }
}
