package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * One upload, one transaction: claim the event ids, {@code COPY} the new events, upsert the
 * summaries. A failure anywhere rolls the whole upload back, so nothing is half-written. Thread-safe.
 */
final class EventAppender {

    private static final String CLAIM_IDS = "INSERT INTO telemetry_event_ids (scenario, event_id, first_seen)"
            + " SELECT s, i, ? FROM unnest(?::text[], ?::text[]) AS u(s, i) ORDER BY 1, 2"
            + " ON CONFLICT DO NOTHING RETURNING scenario, event_id";
    private static final String COPY = "COPY telemetry_events (" + CopyRows.COLUMNS + ") FROM STDIN";

    /** A scenario's event id. */
    private record Key(String scenario, String eventId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = scenario.compareTo(o.scenario);
            return c != 0 ? c : eventId.compareTo(o.eventId);
        }
    }

    private final PgDatabase db;
    private final Partitions partitions;
    private final ScenarioCap cap;
    private final Clock clock;
    private final int maxFailureTypes;
    private final ActivityWriter activity;

    EventAppender(PgDatabase db, Partitions partitions, ScenarioCap cap, Clock clock, int maxFailureTypes,
                  ActivityWriter activity) {
        this.db = db;
        this.partitions = partitions;
        this.cap = cap;
        this.clock = clock;
        this.maxFailureTypes = maxFailureTypes;
        this.activity = activity;
    }

    /** New scenarios refused by the cap since the store opened. */
    long scenariosRefused() {
        return cap.refused();
    }

    AppendResult append(List<TelemetryEvent> events) {
        db.requireOpen();
        if (events.isEmpty()) {
            return AppendResult.empty();
        }
        partitions.ensureFor(events);
        return db.transaction("append", c -> appendIn(c, events));
    }

    private AppendResult appendIn(Connection c, List<TelemetryEvent> all) throws SQLException {
        AppendResult.Builder result = new AppendResult.Builder();
        // Refused events are left out before their ids are claimed: a later retry may be admitted.
        Set<String> refused = cap.refusedIn(c, all);
        List<TelemetryEvent> events = all;
        if (!refused.isEmpty()) {
            events = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                TelemetryEvent e = all.get(i);
                if (refused.contains(e.scenario())) {
                    result.rejected(i, cap.error(e.scenario()));
                } else {
                    events.add(e);
                }
            }
        }
        Set<Key> claimed = claimIds(c, events);
        List<TelemetryEvent> keep = new ArrayList<>(events.size());
        Set<Key> taken = new HashSet<>();
        for (TelemetryEvent e : events) {
            if (e.eventId() == null) {
                keep.add(e);
                continue;
            }
            Key key = new Key(e.scenario(), e.eventId());
            // Stored only by its first occurrence in the batch, and only if no earlier upload had it.
            if (claimed.contains(key) && taken.add(key)) {
                keep.add(e);
            } else {
                result.duplicates(e.scenario(), 1);
            }
        }
        if (!keep.isEmpty()) {
            copy(c, keep);
            SummaryWriter.update(c, keep, maxFailureTypes);
            activity.update(c, keep);
        }
        for (TelemetryEvent e : keep) {
            result.stored(e.scenario(), 1);
        }
        return result.build();
    }

    /** Inserts the batch's ids, in a fixed order so concurrent uploads cannot deadlock; returns the new ones. */
    private Set<Key> claimIds(Connection c, List<TelemetryEvent> events) throws SQLException {
        TreeSet<Key> wanted = new TreeSet<>();
        for (TelemetryEvent e : events) {
            if (e.eventId() != null) {
                wanted.add(new Key(e.scenario(), e.eventId()));
            }
        }
        Set<Key> claimed = new HashSet<>();
        if (wanted.isEmpty()) {
            return claimed;
        }
        String[] scenarios = new String[wanted.size()];
        String[] ids = new String[wanted.size()];
        int i = 0;
        for (Key k : wanted) {
            scenarios[i] = k.scenario();
            ids[i++] = k.eventId();
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM_IDS)) {
            ps.setDate(1, Date.valueOf(PgTimes.day(clock.instant())));
            ps.setArray(2, c.createArrayOf("text", scenarios));
            ps.setArray(3, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return claimed;
    }

    private static void copy(Connection c, List<TelemetryEvent> events) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(CopyRows.encode(events)));
        } catch (IOException e) {
            // Reading a byte array cannot fail; the driver reports a broken connection as SQLException.
            throw new SQLException("COPY input failed", "08006", e);
        }
    }
}
