package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry import --dir DIR --jdbc-url URL}. */
class ImportCommandTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00.123456789Z");

    @TempDir
    Path home;

    @RegisterExtension
    final RestartablePostgres pg = new RestartablePostgres();

    private static List<TelemetryEvent> events() {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String scenario = i % 3 == 0 ? "desk" : "wheel";
            String id = i % 2 == 0 ? "id-" + i : null;
            out.add(new TelemetryEvent(T0.plusSeconds(i), scenario, "d-" + (i % 7), i % 10 == 0 ? "crash" : "ready", id,
                    Details.of(Map.of("i", i))));
        }
        TelemetryEvent twin = new TelemetryEvent(T0, "wheel", null, "app_start", null, null);
        out.add(twin);
        out.add(twin); // two identical events without ids: both are kept
        return out;
    }

    @Test
    @DisplayName("import copies every event and summary; a second run stores nothing twice")
    void importTwice() {
        Path dir = home.resolve("telemetry");
        try (JsonlTelemetryStore jsonl = JsonlTelemetryStore.builder(dir).open()) {
            jsonl.append(events());
        }

        CliRunner.Result first = new CliRunner(home).stores(new StoreFactory())
                .run("import", "--dir", dir.toString(), "--jdbc-url", pg.jdbcUrl(), "--batch", "100");
        CliRunner.Result second = new CliRunner(home).stores(new StoreFactory())
                .run("import", "--dir", dir.toString(), "--jdbc-url", pg.jdbcUrl(), "--batch", "333");

        assertEquals(0, first.code(), first.err());
        String where = " from " + dir + " into PostgreSQL at jdbc:postgresql://localhost:";
        assertTrue(first.out().startsWith("imported 2502 events of 2 scenarios" + where), first.out());
        assertTrue(first.out().endsWith(": 2502 new, 0 already there\n"), first.out());
        assertTrue(first.err().startsWith("importing: 0% (0 of 2502 events)\nimporting: 10% ("), first.err());
        assertTrue(first.err().contains("\nimporting: 50% ("), first.err());
        assertTrue(first.err().endsWith("importing: 100% (2502 of 2502 events)\n"), first.err());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().endsWith(": 0 new, 2502 already there\n"), second.out());

        try (JsonlTelemetryStore jsonl = JsonlTelemetryStore.builder(dir).readOnly(true).open();
             PostgresTelemetryStore db = PostgresTelemetryStore.builder(pg.jdbcUrl()).open()) {
            assertEquals(jsonl.summaries(), db.summaries());
            for (String scenario : List.of("desk", "wheel")) {
                EventQuery q = EventQuery.builder(scenario).limit(EventQuery.MAX_LIMIT).build();
                List<TelemetryEvent> expected = jsonl.query(q).events();
                List<TelemetryEvent> copied = db.query(q).events();
                assertEquals(expected.size(), copied.size());
                for (int i = 0; i < expected.size(); i++) {
                    TelemetryEvent e = expected.get(i);
                    TelemetryEvent c = copied.get(i);
                    assertEquals(e.eventId() != null ? e : e.withEventId(c.eventId()), c);
                    if (e.eventId() == null) {
                        assertTrue(c.eventId().startsWith("fp:"), c.eventId());
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("on a terminal the progress is one bar redrawn in place")
    void progressBarOnATerminal() {
        Path dir = home.resolve("telemetry");
        try (JsonlTelemetryStore jsonl = JsonlTelemetryStore.builder(dir).open()) {
            jsonl.append(events());
        }

        CliRunner.Result r = new CliRunner(home).stores(new StoreFactory()).terminal(true)
                .run("import", "--dir", dir.toString(), "--jdbc-url", pg.jdbcUrl());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("\rimporting [------------------------------] 0% (0 of 2502 events)"), r.err());
        assertTrue(r.err().endsWith("\rimporting [##############################] 100% (2502 of 2502 events)\n"),
                r.err());
    }
}
