package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.FailureEntry;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TimelineQuery;
import com.vrooli.telemetry.core.TimelineResolution;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaMigrationTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00.123456789Z");

    private static List<TelemetryEvent> events() {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String type = i % 3 == 0 ? "crash" : i % 3 == 1 ? "ready" : "dependency_unreachable";
            out.add(new TelemetryEvent(T0.plusSeconds(i * 7L % 30), i % 2 == 0 ? "alpha" : "beta", "d-" + i, type,
                    "id-" + i, Details.of(Map.of("n", i))));
        }
        return out;
    }

    @Test
    @DisplayName("an empty database is migrated to the latest version when the store opens")
    void fromEmpty() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).open()) {
            s.append(events());
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), versions(url));
        assertEquals(Map.of("telemetry_events_by_time", "brin", "telemetry_event_ids_by_day", "brin",
                "telemetry_events_by_seq", "btree"), accessMethods(url), "version 6: BRIN where rows arrive in order");
    }

    @Test
    @DisplayName("a version-1 database with events upgrades to version 2 with its recent failures backfilled")
    void fromVersionOneWithData() throws SQLException {
        String url = PG.newDatabase();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/telemetry")
                .table("telemetry_schema_history").target("1").load().migrate();
        writeAsVersionOne(url, events());
        assertEquals(List.of("1"), versions(url));

        InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
        reference.append(events());
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).open()) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), versions(url));
            assertEquals(reference.summaries(), s.summaries(), "summaries, recent failures included");
            assertEquals(reference.query(EventQuery.builder("alpha").build()).events(),
                    s.query(EventQuery.builder("alpha").build()).events());
            // and the upgraded store goes on keeping them
            TelemetryEvent late = new TelemetryEvent(T0.plusSeconds(99), "alpha", null, "crash", "late", null);
            s.append(List.of(late));
            assertEquals(FailureEntry.of(late), s.summary("alpha").orElseThrow().recentFailures().get(0));
        }
    }

    @Test
    @DisplayName("a version-3 database with data upgrades to version 4: its failure types stay keyed, new ones past the cap go to other_failures")
    void fromVersionThreeWithData() throws SQLException {
        String url = PG.newDatabase();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/telemetry")
                .table("telemetry_schema_history").target("1").load().migrate();
        writeAsVersionOne(url, events());
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/telemetry")
                .table("telemetry_schema_history").target("3").load().migrate();
        assertEquals(List.of("1", "2", "3"), versions(url));

        InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
        reference.append(events());
        // alpha already names two failure types (crash, dependency_unreachable): the cap is full
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).maxFailureTypes(2).open()) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), versions(url));
            assertEquals(reference.summaries(), s.summaries(), "version-3 counts are all kept by name");
            s.append(List.of(new TelemetryEvent(T0.plusSeconds(99), "alpha", null, "disk_failed", "new-1", null),
                    new TelemetryEvent(T0.plusSeconds(99), "alpha", null, "crash", "new-2", null)));
            ScenarioSummary alpha = s.summary("alpha").orElseThrow();
            assertEquals(1, alpha.otherFailures(), "the third type is counted in other_failures");
            assertEquals(Map.of("crash", 6L, "dependency_unreachable", 5L), alpha.failureCounts());
        }
    }

    @Test
    @DisplayName("a version-4 database with events upgrades to version 5 with its timelines and deployments backfilled")
    void fromVersionFourWithData() throws SQLException {
        upgradeWithActivity("4");
    }

    @Test
    @DisplayName("a version-7 database with live timelines and deployments upgrades to version 8 and goes on counting through pending rows")
    void fromVersionSevenWithData() throws SQLException {
        upgradeWithActivity("7");
    }

    /** Events written as version 1, migrated to {@code target}, then opened (latest) and appended to. */
    private static void upgradeWithActivity(String target) throws SQLException {
        List<TelemetryEvent> events = new ArrayList<>(events());
        for (int i = 0; i < 40; i++) {
            // one minute with more failure types than a bucket and a deployment name: the first ones keep names
            events.add(new TelemetryEvent(T0.plusSeconds(40 + i % 7), "alpha", "d-many", "kind" + i + "_failed",
                    "k-" + i, i % 2 == 0 ? null : Details.of(Map.of("i", i))));
        }
        events.add(new TelemetryEvent(T0.plusSeconds(5), "alpha", "d-0", "app_start", "s-1",
                Details.of(Map.of("version", "2.0", "platform", "linux"))));
        events.add(new TelemetryEvent(T0.plusSeconds(5), "alpha", "d-0", "app_start", "s-2",
                Details.of(Map.of("version", "10.0"))));
        events.add(new TelemetryEvent(T0.plusSeconds(90_000), "beta", "d-1", "ready", "late-1", null));
        String url = PG.newDatabase();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/telemetry")
                .table("telemetry_schema_history").target("1").load().migrate();
        writeAsVersionOne(url, events);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/telemetry")
                .table("telemetry_schema_history").target(target).load().migrate();
        assertEquals(Integer.parseInt(target), versions(url).size());

        InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
        reference.append(events);
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).foldPeriod(Duration.ofDays(1)).open()) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), versions(url));
            assertSameActivity(reference, s);
            // and the upgraded store goes on counting
            List<TelemetryEvent> more = List.of(
                    new TelemetryEvent(T0.plusSeconds(41), "alpha", "d-many", "kind99_failed", "more-1", null),
                    new TelemetryEvent(T0.plusSeconds(42), "alpha", "d-many", "kind3_failed", "more-2", null),
                    new TelemetryEvent(T0.plusSeconds(43), "alpha", "d-0", "app_start", "more-3", null));
            reference.append(more);
            s.append(more);
            assertEquals(1, count(url, "telemetry_timeline_pending"), "the upload's share waits for a fold");
            assertSameActivity(reference, s);
            assertEquals(0, count(url, "telemetry_timeline_pending") + count(url, "telemetry_deployment_pending"));
        }
    }

    private static void assertSameActivity(InMemoryTelemetryStore reference, PostgresTelemetryStore s) {
        for (String scenario : List.of("alpha", "beta")) {
            assertEquals(reference.deployments(scenario), s.deployments(scenario), scenario);
            for (TimelineResolution r : TimelineResolution.values()) {
                assertEquals(reference.timeline(TimelineQuery.of(scenario, r)), s.timeline(TimelineQuery.of(scenario, r)),
                        scenario + " " + r.wireName());
                assertEquals(reference.timeline(new TimelineQuery(scenario, r, null, null, "crash")),
                        s.timeline(new TimelineQuery(scenario, r, null, null, "crash")));
            }
        }
    }

    /** What a version-1 store wrote: events and the version-1 summary tables (no recent failures). */
    private static void writeAsVersionOne(String url, List<TelemetryEvent> events) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    CopyRows.SQL,
                    new java.io.ByteArrayInputStream(CopyRows.encode(events)));
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO telemetry_scenarios SELECT scenario, count(*), max(ts), 0"
                        + " FROM telemetry_events GROUP BY scenario");
                st.execute("UPDATE telemetry_scenarios s SET last_event_nanos = (SELECT max(ts_nanos)"
                        + " FROM telemetry_events e WHERE e.scenario = s.scenario AND e.ts = s.last_event)");
                st.execute("INSERT INTO telemetry_failure_counts SELECT scenario, event, count(*)"
                        + " FROM telemetry_events WHERE event IN ('crash', 'dependency_unreachable')"
                        + " GROUP BY scenario, event");
            }
            c.commit();
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private static Map<String, String> accessMethods(String url) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i.relname, am.amname FROM pg_class i JOIN pg_am am ON am.oid = i.relam"
                     + " WHERE i.relname IN ('telemetry_events_by_time', 'telemetry_event_ids_by_day',"
                     + " 'telemetry_events_by_seq')")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> versions(String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM telemetry_schema_history WHERE success"
                     + " AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
