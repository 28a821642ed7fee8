package com.vrooli.telemetry.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.testing.SteppingClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PartitionRetentionTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

    private final SteppingClock clock = new SteppingClock(NOW);

    private PostgresTelemetryStore open(String url, Duration retention) {
        return PostgresTelemetryStore.builder(url).clock(clock).partitionsAhead(2).retention(retention)
                .maintenancePeriod(Duration.ofDays(365)).open();
    }

    @Test
    @DisplayName("opening creates daily partitions from yesterday to the days ahead; nothing lands in the default")
    void partitionsAheadOfNeed() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = open(url, null)) {
            assertEquals(days(TODAY.minusDays(1), TODAY, TODAY.plusDays(1), TODAY.plusDays(2)), partitionDays(url));
            s.append(List.of(TelemetryEvent.of(NOW, "a", "app_start"), TelemetryEvent.of(NOW.plusSeconds(86_400), "a", "ready")));
            assertEquals(0, count(url, "telemetry_events_default"));
            assertEquals(1, count(url, "telemetry_events_p20260310"));
            assertEquals(1, count(url, "telemetry_events_p20260311"));
        }
    }

    @Test
    @DisplayName("an upload inside the window creates its day; far times go to the default partition and move out when their day comes")
    void onDemandAndDefault() throws SQLException {
        String url = PG.newDatabase();
        try (PostgresTelemetryStore s = open(url, null)) {
            Instant lastWeek = NOW.minus(Duration.ofDays(7));
            Instant farFuture = NOW.plus(Duration.ofDays(20));
            Instant ancient = Instant.parse("1999-12-31T23:59:59Z");
            s.append(List.of(TelemetryEvent.of(lastWeek, "a", "app_start"), TelemetryEvent.of(farFuture, "a", "ready"),
                    TelemetryEvent.of(ancient, "a", "crash")));

            assertTrue(partitionDays(url).contains(TODAY.minusDays(7)));
            assertFalse(partitionDays(url).contains(TODAY.plusDays(20)));
            assertEquals(2, count(url, "telemetry_events_default"));

            clock.advance(Duration.ofDays(19));
            s.maintainPartitions();

            assertEquals(1, count(url, "telemetry_events_p20260330"), "the future event moved into its new partition");
            assertEquals(1, count(url, "telemetry_events_default"));
            assertEquals(3, s.query(EventQuery.builder("a").build()).events().size());
        }
    }

    @Test
    @DisplayName("retention drops whole days and takes their events out of the summaries")
    void retentionDropsPartitions() throws SQLException {
        String url = PG.newDatabase();
        List<TelemetryEvent> all = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            Instant t = NOW.minus(Duration.ofDays(day));
            all.add(new TelemetryEvent(t, "a", null, "crash", "c" + day, null));
            all.add(new TelemetryEvent(t.plusSeconds(1), "a", null, "ready", "r" + day, null));
            all.add(new TelemetryEvent(t, "old-only", null, "crash", "o" + day, null));
        }
        all.add(TelemetryEvent.of(Instant.parse("2001-01-01T00:00:00Z"), "a", "migration_failed"));
        try (PostgresTelemetryStore s = open(url, Duration.ofDays(5))) {
            s.append(all);
            assertEquals(21, s.summary("a").orElseThrow().totalEvents());

            s.maintainPartitions();

            // kept: the days from 5 days ago (2026-03-05) on, by whole partitions
            List<TelemetryEvent> kept = new ArrayList<>();
            for (TelemetryEvent e : all) {
                if (!e.timestamp().isBefore(Instant.parse("2026-03-05T00:00:00Z"))) {
                    kept.add(e);
                }
            }
            InMemoryTelemetryStore reference = InMemoryTelemetryStore.create();
            reference.append(kept);
            assertEquals(reference.summaries(), s.summaries());
            assertEquals(reference.query(EventQuery.builder("a").build()).events(),
                    s.query(EventQuery.builder("a").build()).events());
            assertFalse(partitionDays(url).contains(TODAY.minusDays(6)));
            assertTrue(partitionDays(url).contains(TODAY.minusDays(5)));
            assertEquals(0, count(url, "telemetry_events_default"));
        }
    }

    @Test
    @DisplayName("retention subtracts what leaves from the named counts and from other_failures alike")
    void retentionSubtractsOtherFailures() {
        String url = PG.newDatabase();
        Instant old = NOW.minus(Duration.ofDays(8));
        Instant recent = NOW.minus(Duration.ofDays(1));
        try (PostgresTelemetryStore s = PostgresTelemetryStore.builder(url).clock(clock).partitionsAhead(2)
                .retention(Duration.ofDays(5)).maintenancePeriod(Duration.ofDays(365)).maxFailureTypes(1).open()) {
            s.append(List.of(new TelemetryEvent(old, "a", null, "crash", "c1", null),
                    new TelemetryEvent(old, "a", null, "disk_failed", "d1", null),
                    new TelemetryEvent(recent, "a", null, "crash", "c2", null),
                    new TelemetryEvent(recent, "a", null, "disk_failed", "d2", null),
                    new TelemetryEvent(recent, "a", null, "disk_failed", "d3", null)));
            ScenarioSummary before = s.summary("a").orElseThrow();
            assertEquals(Map.of("crash", 2L), before.failureCounts());
            assertEquals(3, before.otherFailures());

            s.maintainPartitions();

            ScenarioSummary after = s.summary("a").orElseThrow();
            assertEquals(Map.of("crash", 1L), after.failureCounts());
            assertEquals(2, after.otherFailures(), "the old disk_failed left other_failures");
            assertEquals(3, after.totalEvents());
        }
    }

    private static Set<LocalDate> days(LocalDate... d) {
        return new TreeSet<>(List.of(d));
    }

    private static Set<LocalDate> partitionDays(String url) throws SQLException {
        Set<LocalDate> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relname LIKE 'telemetry_events_p%'"
                     + " AND relkind = 'r'")) {
            while (rs.next()) {
                String n = rs.getString(1).substring("telemetry_events_p".length());
                out.add(LocalDate.of(Integer.parseInt(n.substring(0, 4)), Integer.parseInt(n.substring(4, 6)),
                        Integer.parseInt(n.substring(6))));
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
}
