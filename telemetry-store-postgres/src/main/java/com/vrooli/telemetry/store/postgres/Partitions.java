package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daily partitions of {@code telemetry_events}. Days from {@link #BACK_DAYS} ago to
 * {@code aheadDays} ahead get their own partition, created ahead of need by {@link #maintain}
 * and, for a day an upload needs that does not exist yet, just before the upload's transaction;
 * any other time lands in the default partition, so a client's timestamps cannot make the
 * database create partitions without bound. Creation runs under an advisory lock, so nodes
 * creating the same day wait for each other instead of failing. Retention drops whole partitions.
 * Thread-safe.
 */
final class Partitions {

    /** How far back uploads may create partitions: older events go to the default partition. */
    static final int BACK_DAYS = 31;
    private static final long LOCK_KEY = 0x7e1e_3e77_0001L;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'telemetry_events_p'yyyyMMdd");
    private static final String LIST = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'telemetry_events'"
            + " AND c.relname LIKE 'telemetry\\_events\\_p%'";

    private final PgDatabase db;
    private final Clock clock;
    private final int aheadDays;
    private final Duration retention;
    private final ActivityFold fold;
    /** Days known to have a partition; a cache, so a missing entry only costs a check. */
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    Partitions(PgDatabase db, Clock clock, int aheadDays, Duration retention, ActivityFold fold) {
        this.db = db;
        this.fold = fold;
        this.clock = clock;
        this.aheadDays = aheadDays;
        this.retention = retention;
    }

    /** Creates the partitions from yesterday to {@code aheadDays} ahead, and applies retention. */
    void maintain() {
        LocalDate today = PgTimes.day(clock.instant());
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int d = -1; d <= aheadDays; d++) {
            days.add(today.plusDays(d));
        }
        create(days);
        if (retention != null) {
            dropBefore(PgTimes.day(clock.instant().minus(retention)));
        }
    }

    /** Makes sure each event's day has its partition when it is inside the managed window. */
    void ensureFor(List<TelemetryEvent> events) {
        LocalDate today = PgTimes.day(clock.instant());
        LocalDate first = today.minusDays(BACK_DAYS);
        LocalDate last = today.plusDays(aheadDays);
        TreeSet<LocalDate> missing = null;
        for (TelemetryEvent e : events) {
            LocalDate day = PgTimes.day(e.timestamp());
            if (!known.contains(day) && !day.isBefore(first) && !day.isAfter(last)) {
                if (missing == null) {
                    missing = new TreeSet<>();
                }
                missing.add(day);
            }
        }
        if (missing != null) {
            create(missing);
        }
    }

    /** The days that have a partition now. */
    Set<LocalDate> existing() {
        return db.read("list partitions", Partitions::list);
    }

    private void create(TreeSet<LocalDate> days) {
        db.transaction("create partitions", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            Set<LocalDate> have = list(c);
            try (Statement st = c.createStatement()) {
                for (LocalDate day : days) {
                    if (!have.contains(day)) {
                        createOne(st, day);
                    }
                }
            }
            return null;
        });
        known.addAll(days);
    }

    /**
     * Creates one day's partition. Rows of that day already in the default partition (they came
     * when the day was outside the window) move into it first, or attaching would fail.
     */
    private static void createOne(Statement st, LocalDate day) throws SQLException {
        String name = NAME.format(day);
        String from = PgTimes.startOf(day);
        String to = PgTimes.startOf(day.plusDays(1));
        String range = " ts >= '" + from + "' AND ts < '" + to + "'";
        st.execute("LOCK TABLE telemetry_events_default IN ACCESS EXCLUSIVE MODE");
        st.execute("CREATE TABLE " + name + " (LIKE telemetry_events INCLUDING DEFAULTS)");
        st.execute("INSERT INTO " + name + " SELECT * FROM telemetry_events_default WHERE" + range);
        st.execute("DELETE FROM telemetry_events_default WHERE" + range);
        st.execute("ALTER TABLE telemetry_events ATTACH PARTITION " + name
                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')");
    }

    /** Drops every partition that ends on or before {@code cutoff}, older default rows and ids; see {@link Retention}. */
    int dropBefore(LocalDate cutoff) {
        return db.transaction("apply retention", c -> {
            List<String> due = new ArrayList<>();
            for (LocalDate day : list(c)) {
                if (day.plusDays(1).compareTo(cutoff) <= 0) {
                    due.add(NAME.format(day));
                    known.remove(day);
                }
            }
            return Retention.apply(c, cutoff, due, fold);
        });
    }

    private static Set<LocalDate> list(Connection c) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LIST)) {
            while (rs.next()) {
                days.add(LocalDate.parse(rs.getString(1), NAME));
            }
        }
        return days;
    }
}
