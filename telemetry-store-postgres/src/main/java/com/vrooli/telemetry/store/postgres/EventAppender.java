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
import org.postgresql.PGConnection;

/**
 * One upload, one transaction: claim the event ids, binary {@code COPY} the new events, upsert the
 * summaries, append the upload's share of the timeline and deployments ({@link ActivityWriter}).
 * A failure anywhere rolls the whole upload back, so nothing is half-written. Thread-safe.
 */
final class EventAppender {

    /** Inserts the ids (in key order, so concurrent uploads cannot deadlock) and returns those already stored. */
    private static final String CLAIM_IDS = "WITH wanted AS (SELECT s, i FROM unnest(?::text[], ?::text[]) AS u(s, i)),"
            + " claimed AS (INSERT INTO telemetry_event_ids (scenario, event_id, first_seen)"
            + " SELECT s, i, ? FROM wanted ORDER BY 1, 2 ON CONFLICT DO NOTHING RETURNING scenario, event_id)"
            + " SELECT s, i FROM wanted EXCEPT ALL SELECT scenario, event_id FROM claimed";

    /** A scenario's event id. */
    private record Key(String scenario, String eventId) {
    }

    private final PgDatabase db;
    private final Partitions partitions;
    private final ScenarioCap cap;
    private final Clock clock;
    private final int maxFailureTypes;

    EventAppender(PgDatabase db, Partitions partitions, ScenarioCap cap, Clock clock, int maxFailureTypes) {
        this.db = db;
        this.partitions = partitions;
        this.cap = cap;
        this.clock = clock;
        this.maxFailureTypes = maxFailureTypes;
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
        Set<Key> stored = storedBefore(c, events);
        List<TelemetryEvent> keep = new ArrayList<>(events.size());
        Set<Key> taken = new HashSet<>();
        for (TelemetryEvent e : events) {
            if (e.eventId() == null) {
                keep.add(e);
                continue;
            }
            Key key = new Key(e.scenario(), e.eventId());
            // Stored only by its first occurrence in the batch, and only if no earlier upload had it.
            if (!stored.contains(key) && taken.add(key)) {
                keep.add(e);
            } else {
                result.duplicates(e.scenario(), 1);
            }
        }
        if (!keep.isEmpty()) {
            copy(c, keep);
            SummaryWriter.update(c, keep, maxFailureTypes);
            ActivityWriter.update(c, keep);
        }
        for (TelemetryEvent e : keep) {
            result.stored(e.scenario(), 1);
        }
        return result.build();
    }

    /** Claims the batch's ids; returns those an earlier upload (on any node) already claimed. */
    private Set<Key> storedBefore(Connection c, List<TelemetryEvent> events) throws SQLException {
        Set<Key> wanted = new HashSet<>();
        for (TelemetryEvent e : events) {
            if (e.eventId() != null) {
                wanted.add(new Key(e.scenario(), e.eventId()));
            }
        }
        Set<Key> stored = new HashSet<>();
        if (wanted.isEmpty()) {
            return stored;
        }
        String[] scenarios = new String[wanted.size()];
        String[] ids = new String[wanted.size()];
        int i = 0;
        for (Key k : wanted) {
            scenarios[i] = k.scenario();
            ids[i++] = k.eventId();
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM_IDS)) {
            ps.setArray(1, c.createArrayOf("text", scenarios));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setDate(3, Date.valueOf(PgTimes.day(clock.instant())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return stored;
    }

    private static void copy(Connection c, List<TelemetryEvent> events) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.SQL, new ByteArrayInputStream(CopyRows.encode(events)));
        } catch (IOException e) {
            // Reading a byte array cannot fail; the driver reports a broken connection as SQLException.
            throw new SQLException("COPY input failed", "08006", e);
        }
    }
}
