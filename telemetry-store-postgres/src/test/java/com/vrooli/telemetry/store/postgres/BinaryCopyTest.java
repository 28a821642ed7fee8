package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The binary COPY rows and the one-statement id claim, through a real store on a real PostgreSQL. */
class BinaryCopyTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    @DisplayName("times around both epochs keep their nanoseconds, and text with tabs, newlines, backslashes and emoji comes back byte for byte")
    void edgeValuesRoundTrip() throws SQLException {
        List<Instant> times = List.of(Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("1999-12-31T23:59:59.000000001Z"), Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2000-01-01T00:00:00.000000999Z"), Instant.parse("2025-01-15T12:00:00.123456789Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"));
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            events.add(new TelemetryEvent(times.get(i), "edge", i % 2 == 0 ? null : "d-\u00e9-" + i, "crash",
                    i % 3 == 0 ? null : "id-" + i, i == 0 ? null
                    : Details.parse("{\"s\":\"tab\\there\\nline \\\\ back \\u00e9 \\ud83d\\ude80\",\"n\":" + i + "}")));
        }
        String url = PG.newDatabase();
        try (PostgresTelemetryStore store = PostgresTelemetryStore.builder(url).open()) {
            store.append(events);
            assertEquals(events, store.query(EventQuery.builder("edge").order(EventQuery.Order.OLDEST_FIRST)
                    .limit(100).build()).events());
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM telemetry_events WHERE details->>'n' IS NOT NULL"
                     + " AND details_text::jsonb = details")) {
            rs.next();
            assertEquals(times.size() - 1, rs.getInt(1), "the jsonb column holds the same document as the text");
        }
    }

    @Test
    @DisplayName("the id claim stores an id once: repeats inside a batch and across uploads are duplicates, events without ids always stored")
    void claimReportsOnlyDuplicates() {
        Instant t = Instant.parse("2025-01-15T12:00:00Z");
        try (PostgresTelemetryStore store = PostgresTelemetryStore.builder(PG.newDatabase()).open()) {
            AppendResult first = store.append(List.of(event(t, "a", "1"), event(t, "a", "1"), event(t, "b", "1"),
                    event(t, "a", null)));
            assertEquals(Map.of("a", 2, "b", 1), first.storedByScenario());
            assertEquals(Map.of("a", 1), first.duplicatesByScenario());

            AppendResult second = store.append(List.of(event(t, "a", "1"), event(t, "a", "2"), event(t, "a", null)));
            assertEquals(Map.of("a", 2), second.storedByScenario());
            assertEquals(Map.of("a", 1), second.duplicatesByScenario());
            assertEquals(4, store.summary("a").orElseThrow().totalEvents());
        }
    }

    private static TelemetryEvent event(Instant t, String scenario, String id) {
        return new TelemetryEvent(t, scenario, null, "ready", id, null);
    }
}
