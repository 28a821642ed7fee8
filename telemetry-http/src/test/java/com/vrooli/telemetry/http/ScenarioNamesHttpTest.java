package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario names through the real server and the JSONL store on a case-insensitive (macOS-like)
 * file system: a second spelling is refused per event with a reason, hostile names never reach a
 * path, and every answer is a client error or success, never a 5xx.
 */
class ScenarioNamesHttpTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.osX());
    private final Path dir = fs.getPath("/telemetry");

    @RegisterExtension
    final ServerExtension server = ServerExtension.over(() -> JsonlTelemetryStore.builder(dir).open());

    private static String event(String scenario, String type) {
        return "{\"scenario\":\"" + scenario + "\",\"event\":\"" + type
                + "\",\"timestamp\":\"2025-01-15T12:00:00Z\"}\n";
    }

    @Test
    @DisplayName("a spelling that differs only in case is refused per event, naming the stored spelling")
    void caseTwinRefusedPerEvent() throws IOException {
        assertEquals(200, server.post(UPLOAD, "application/x-ndjson", event("picker-wheel", "app_start")).status());

        ServerExtension.Answer a = server.post(UPLOAD, "application/x-ndjson",
                event("Picker-Wheel", "crash") + event("picker-wheel", "ready") + event("shared-auth", "ready"));

        assertEquals(200, a.status(), a.body());
        JsonNode answer = JSON.readTree(a.body());
        assertEquals("partial", answer.get("status").asText());
        assertEquals(2, answer.get("events_stored").asInt());
        assertEquals(1, answer.get("events_rejected").asInt());
        assertEquals(0, answer.get("errors").get(0).get("index").asInt());
        assertEquals("scenario 'Picker-Wheel' differs only in letter case from the stored scenario 'picker-wheel';"
                + " names like these would share one file on some systems, so send it as 'picker-wheel' or choose"
                + " another name", answer.get("errors").get(0).get("error").asText());

        ServerExtension.Answer only = server.post(UPLOAD, "application/x-ndjson", event("PICKER-WHEEL", "crash"));
        assertEquals(400, only.status(), only.body());
        assertEquals("rejected", JSON.readTree(only.body()).get("status").asText());

        assertEquals(2, JSON.readTree(server.get("/api/v1/telemetry/picker-wheel").body()).get("total_events").asInt());
        assertEquals(List.of("picker-wheel.jsonl", "shared-auth.jsonl"), files());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../outside", "..", "a/b", "a\\\\b", "/etc/passwd", "\\u212Apicker", "p\\u0131cker",
        "\\uFF41pp", "caf\\u00E9", "app\\u0000", "app\\u200B", " app", ".hidden"})
    @DisplayName("hostile and Unicode scenario names are refused per event and never become files")
    void hostileNamesNeverBecomeFiles(String scenario) throws IOException {
        ServerExtension.Answer a = server.post(UPLOAD, "application/x-ndjson", event(scenario, "crash")
                + event("fine", "ready"));

        assertEquals(200, a.status(), a.body());
        assertEquals("partial", JSON.readTree(a.body()).get("status").asText());
        assertEquals(List.of("fine.jsonl"), files());
        try (Stream<Path> all = Files.walk(fs.getPath("/"))) {
            assertEquals(List.of("/", "/telemetry", "/telemetry/.telemetry.lock", "/telemetry/fine.jsonl", "/work"),
                    all.map(Path::toString).filter(p -> !p.startsWith("/telemetry/.journal")).sorted().toList(),
                    "nothing but the store's own files (the journal is one)");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"..%2F..%2Fetc%2Fpasswd", "%2E%2E", "Fine", "FINE/events", "%00", "a%5Cb", "%E2%84%AA"})
    @DisplayName("reads of hostile or case-twin scenario paths answer a client error or nothing, never a 5xx")
    void hostileReads(String path) {
        server.post(UPLOAD, "application/x-ndjson", event("fine", "ready"));

        ServerExtension.Answer summary = server.get("/api/v1/telemetry/" + path);
        ServerExtension.Answer events = server.get("/api/v1/telemetry/" + path + "/events");

        assertTrue(summary.status() >= 400 && summary.status() < 500, summary.status() + " " + summary.body());
        assertTrue(events.status() == 200 || (events.status() >= 400 && events.status() < 500),
                events.status() + " " + events.body());
        if (events.status() == 200) {
            assertTrue(events.body().contains("\"events\":[]"), events.body());
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
