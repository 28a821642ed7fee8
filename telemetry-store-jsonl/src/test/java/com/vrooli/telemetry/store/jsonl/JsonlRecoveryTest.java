package com.vrooli.telemetry.store.jsonl;

import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.assertWholeValidLines;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.event;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.jimfsDir;
import static com.vrooli.telemetry.store.jsonl.StoreTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What opening a directory does with files a crash or a person left behind. */
class JsonlRecoveryTest {

    private final Path dir = jimfsDir();
    private final Path file = dir.resolve("app.jsonl");

    private void writeLines(TelemetryEvent... events) throws IOException {
        Files.createDirectories(dir);
        for (TelemetryEvent e : events) {
            Files.write(file, EventLineCodec.encode(e), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void appendRaw(Path target, String text) throws IOException {
        Files.write(target, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    @DisplayName("a torn last line is moved to .corrupt, the file cut at its last newline, the next append clean")
    void tornTailIsRecovered() throws IOException {
        writeLines(event("app", "app_start", 0), event("app", "crash", 1));
        String torn = "{\"ts\":\"2025-01-15T12:00:02Z\",\"scenario\":\"app\",\"ev";
        appendRaw(file, torn);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(1, store.stats().tornTailsRecovered());
            assertEquals(torn + "\n", text(Files.readAllBytes(dir.resolve("app.jsonl.corrupt"))));
            assertEquals(2, store.summary("app").orElseThrow().totalEvents());

            store.append(List.of(event("app", "ready", 3)));
        }

        List<TelemetryEvent> lines = assertWholeValidLines(file, "app");
        assertEquals(List.of("app_start", "crash", "ready"), lines.stream().map(TelemetryEvent::event).toList());
    }

    @Test
    @DisplayName("torn tails of later crashes are added to the same .corrupt file")
    void corruptFileAccumulates() throws IOException {
        writeLines(event("app", "app_start", 0));
        appendRaw(file, "{\"first");
        JsonlTelemetryStore.builder(dir).open().close();
        appendRaw(file, "{\"second");

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(1, store.summary("app").orElseThrow().totalEvents());
        }

        assertEquals("{\"first\n{\"second\n", text(Files.readAllBytes(dir.resolve("app.jsonl.corrupt"))));
    }

    @Test
    @DisplayName("a bad line inside a file is skipped and counted, never fatal, and queries skip it too")
    void badMiddleLineIsSkipped() throws IOException {
        writeLines(event("app", "app_start", 0));
        appendRaw(file, "this is not json\n{\"ts\":\"yesterday\",\"scenario\":\"app\",\"event\":\"x\"}\n");
        appendRaw(file, "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"other\",\"event\":\"x\"}\n\n");
        writeLines(event("app", "crash", 5));

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(3, store.stats().badLinesSkipped(), "blank lines are not counted");
            assertEquals(0, store.stats().tornTailsRecovered());
            ScenarioSummary summary = store.summary("app").orElseThrow();
            assertEquals(2, summary.totalEvents());
            assertEquals(List.of("crash", "app_start"), store.query(EventQuery.builder("app").build()).events()
                    .stream().map(TelemetryEvent::event).toList());
        }
        assertFalse(Files.exists(dir.resolve("app.jsonl.corrupt")));
    }

    @Test
    @DisplayName("hand-edited lines in the stored shape that break a rule are skipped and counted; edited valid ones count")
    void editedStoredLines() throws IOException {
        writeLines(event("app", "crash", 0, "id-0"));
        appendRaw(file, String.join("\n",
                "{\"ts\":\"2025-01-15T12:00:01Z\",\"scenario\":\"app\",\"event\":\"bad event\"}",
                "{\"ts\":\"2025-02-30T12:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}",
                "{\"ts\":\"2025-01-15T24:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}",
                "{\"ts\":\"2025-01-15T12:00:02Z\",\"scenario\":\"app\",\"event\":\"crash\",\"event_id\":\"bad id\"}",
                "{\"ts\":\"2025-01-15T12:00:03Z\",\"scenario\":\"app\",\"event\":\"crash\",\"details\":{\"a\":}}",
                "{\"ts\":\"2025-01-15T12:00:04Z\",\"scenario\":\"ap\",\"event\":\"crash\"}",
                "{\"ts\":\"2025-01-15T12:00:04Z\",\"scenario\":\"app\",\"event\":\"crash\"",
                "{\"scenario\":\"app\",\"event\":\"crash\",\"ts\":\"2025-01-15T14:00:05+02:00\"}",
                "{ \"ts\": \"2025-01-15T12:00:06Z\", \"scenario\": \"app\", \"event\": \"app_start\" }",
                "{\"ts\":\"2025-01-15T12:00:07.5Z\",\"scenario\":\"app\",\"event\":\"custom_timeout\",\"event_id\":\"id-7\"}",
                ""));
        writeLines(event("app", "crash", 9, "id-9"));

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(7, store.stats().badLinesSkipped());
            ScenarioSummary summary = store.summary("app").orElseThrow();
            assertEquals(5, summary.totalEvents());
            assertEquals(java.util.Map.of("crash", 3L, "custom_timeout", 1L), summary.failureCounts());
            assertEquals(java.time.Instant.parse("2025-01-15T12:00:09Z"), summary.lastEvent());
            assertEquals(java.time.Instant.parse("2025-01-15T12:00:07.5Z"), summary.recentFailures().get(1).timestamp());
            // The ids of the counted lines are in the window: a retry of one is a duplicate.
            assertEquals(0, store.append(List.of(event("app", "custom_timeout", 7, "id-7"))).stored());
        }
    }

    @Test
    @DisplayName("files that are not named like a scenario are ignored")
    void foreignFilesAreIgnored() throws IOException {
        Files.createDirectories(dir);
        String line = "{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"x\",\"event\":\"crash\"}\n";
        for (String name : List.of(".hidden.jsonl", "with space.jsonl", "notes.txt", "x.jsonl.corrupt", "-x.jsonl",
                ".jsonl")) {
            appendRaw(dir.resolve(name), line);
        }
        Files.createDirectories(dir.resolve("folder.jsonl"));

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(List.of(), store.summaries());
            assertEquals(0, store.stats().scenarios());
        }
    }

    @Test
    @DisplayName("a read-only open repairs nothing and ignores the torn tail")
    void readOnlyRepairsNothing() throws IOException {
        writeLines(event("app", "app_start", 0));
        appendRaw(file, "{\"partial");
        byte[] before = Files.readAllBytes(file);

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).readOnly(true).open()) {
            assertEquals(1, store.summary("app").orElseThrow().totalEvents());
            assertEquals(1, store.query(EventQuery.builder("app").build()).events().size());
            assertEquals(1, store.query(EventQuery.builder("app").order(EventQuery.Order.OLDEST_FIRST).build())
                    .events().size());
        }

        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("app.jsonl.corrupt")));
        assertFalse(Files.exists(dir.resolve(DirectoryLock.FILE_NAME)));
    }

    @Test
    @DisplayName("the stored file holds exactly the documented lines, one per event, in append order")
    void fileLayout() throws IOException {
        TelemetryEvent a = event("picker-wheel", "app_start", 0).withDeploymentId("deploy-123");
        TelemetryEvent b = event("picker-wheel", "ready", 5, "01J0-id");
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            store.append(List.of(a, event("shared-auth", "app_start", 1)));
            store.append(List.of(b));
        }

        assertEquals("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                        + "\"event\":\"app_start\"}\n"
                        + "{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"picker-wheel\",\"event\":\"ready\","
                        + "\"event_id\":\"01J0-id\"}\n",
                text(Files.readAllBytes(dir.resolve("picker-wheel.jsonl"))));
        assertEquals(text(EventLineCodec.encode(event("shared-auth", "app_start", 1))),
                text(Files.readAllBytes(dir.resolve("shared-auth.jsonl"))));
    }

    @Test
    @DisplayName("after a restart the de-duplication window still holds each scenario's newest ids")
    void dedupWindowIsRebuiltFromTheNewestLines() throws IOException {
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).dedupWindow(4).open()) {
            for (int i = 0; i < 6; i++) {
                store.append(List.of(event("a", "ready", i, "a-" + i), event("b", "ready", i, "b-" + i)));
            }
        }

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).dedupWindow(4).open()) {
            assertEquals(4, store.stats().dedupIds());
            var newest = store.append(List.of(event("a", "ready", 5, "a-5"), event("a", "ready", 4, "a-4"),
                    event("b", "ready", 5, "b-5"), event("b", "ready", 4, "b-4")));
            assertEquals(4, newest.duplicates(), "each of 2 scenarios keeps its newest 2 ids");
            var older = store.append(List.of(event("a", "ready", 3, "a-3")));
            assertEquals(1, older.stored(), "ids older than the window are forgotten (documented)");
        }
    }
}
