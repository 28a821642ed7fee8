package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.EventCatalogue;
import com.vrooli.telemetry.core.TimelineAggregator;
import com.vrooli.telemetry.core.TimelineResolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges what pending uploads add ({@link TimelineShare}, folded by {@link ActivityFold}) into
 * {@code telemetry_timeline}: one lookup of the buckets' known types, one upsert of every touched
 * row. The fold holds its lock, so no other writer changes these buckets meanwhile and the per-bucket type
 * cap ({@link TimelineAggregator#MAX_TYPES_PER_BUCKET}) is decided here without a race: a type
 * the bucket counts already keeps its row, a new one gets a row while the bucket names fewer than
 * the cap, later ones are counted in the bucket's {@value TimelineAggregator#OTHER} row.
 */
final class TimelineWriter {

    /** The header row of a bucket: every event of it. */
    static final String HEADER = "";

    private static final String KNOWN = "SELECT t.scenario, t.width, t.bucket, t.event, t.named"
            + " FROM unnest(?::text[], ?::int[], ?::bigint[], ?::text[]) AS u(s, w, b, e)"
            + " JOIN telemetry_timeline t ON t.scenario = u.s AND t.width = u.w AND t.bucket = u.b AND t.event = u.e";
    private static final String UPSERT = "INSERT INTO telemetry_timeline AS t"
            + " (scenario, width, bucket, event, count, failures, named)"
            + " SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::int[])"
            + " ORDER BY 1, 2, 3, 4"
            + " ON CONFLICT (scenario, width, bucket, event) DO UPDATE SET count = t.count + excluded.count,"
            + " failures = t.failures + excluded.failures, named = t.named + excluded.named";

    /** One bucket of one scenario at one width. */
    record Key(String scenario, int width, long bucket) {
    }

    /** What pending uploads add to one bucket; types in order of first appearance. */
    static final class Delta {
        long events;
        long failures;
        final Map<String, long[]> types = new LinkedHashMap<>();
    }

    /** The rows of one upsert, column by column. */
    private static final class Rows {
        final List<String> scenarios = new ArrayList<>();
        final List<Integer> widths = new ArrayList<>();
        final List<Long> buckets = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        final List<Long> failures = new ArrayList<>();
        final List<Integer> named = new ArrayList<>();

        void add(Key k, String event, long count, long failed, int newlyNamed) {
            scenarios.add(k.scenario());
            widths.add(k.width());
            buckets.add(k.bucket());
            events.add(event);
            counts.add(count);
            failures.add(failed);
            named.add(newlyNamed);
        }
    }

    private TimelineWriter() {
    }

    /** The bucket width of a resolution in seconds, the {@code width} column. */
    static int width(TimelineResolution r) {
        return (int) r.width().getSeconds();
    }

    /**
     * Adds {@code count} events of type {@code event} in minute {@code minute} (minutes since the
     * epoch) of {@code scenario} to the deltas of the bucket at every width. Called in the order
     * the events arrived (the fold: pending uploads in order, each by first index), so a bucket's
     * types are in order of first appearance, as the aggregator sees them.
     */
    static void add(Map<Key, Delta> deltas, String scenario, long minute, String event, long count) {
        boolean failure = EventCatalogue.isFailure(event);
        for (TimelineResolution r : TimelineResolution.values()) {
            int width = width(r);
            Delta d = deltas.computeIfAbsent(new Key(scenario, width, Math.floorDiv(minute * 60, width)),
                    k -> new Delta());
            d.events += count;
            if (failure) {
                d.failures += count;
            }
            d.types.computeIfAbsent(event, t -> new long[1])[0] += count;
        }
    }

    /**
     * Merges {@code deltas} into the live rows in transaction {@code c}: one lookup of the buckets'
     * known types, one upsert of every touched row. The caller is the only writer of these rows
     * (the fold's lock), so the type cap is decided here without a race.
     */
    static void apply(Connection c, Map<Key, Delta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        Map<Key, Integer> named = new HashMap<>();
        Set<Known> known = known(c, deltas, named);
        Rows rows = new Rows();
        for (Map.Entry<Key, Delta> entry : deltas.entrySet()) {
            Key k = entry.getKey();
            Delta d = entry.getValue();
            int names = named.getOrDefault(k, 0);
            int newlyNamed = 0;
            long otherEvents = 0;
            long otherFailures = 0;
            for (Map.Entry<String, long[]> t : d.types.entrySet()) {
                String type = t.getKey();
                long n = t.getValue()[0];
                long failed = EventCatalogue.isFailure(type) ? n : 0;
                if (known.contains(new Known(k, type)) || names + newlyNamed < TimelineAggregator.MAX_TYPES_PER_BUCKET) {
                    if (!known.contains(new Known(k, type))) {
                        newlyNamed++;
                    }
                    rows.add(k, type, n, failed, 0);
                } else {
                    otherEvents += n;
                    otherFailures += failed;
                }
            }
            if (otherEvents > 0) {
                rows.add(k, TimelineAggregator.OTHER, otherEvents, otherFailures, 0);
            }
            rows.add(k, HEADER, d.events, d.failures, newlyNamed);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setArray(1, c.createArrayOf("text", rows.scenarios.toArray()));
            ps.setArray(2, c.createArrayOf("int4", rows.widths.toArray()));
            ps.setArray(3, c.createArrayOf("int8", rows.buckets.toArray()));
            ps.setArray(4, c.createArrayOf("text", rows.events.toArray()));
            ps.setArray(5, c.createArrayOf("int8", rows.counts.toArray()));
            ps.setArray(6, c.createArrayOf("int8", rows.failures.toArray()));
            ps.setArray(7, c.createArrayOf("int4", rows.named.toArray()));
            ps.executeUpdate();
        }
    }

    /** A type a bucket already counts by name (or its header). */
    private record Known(Key bucket, String event) {
    }

    /** The rows these buckets already have among the upload's types; fills {@code named} from their headers. */
    private static Set<Known> known(Connection c, Map<Key, Delta> deltas, Map<Key, Integer> named)
            throws SQLException {
        Rows wanted = new Rows();
        for (Map.Entry<Key, Delta> entry : deltas.entrySet()) {
            wanted.add(entry.getKey(), HEADER, 0, 0, 0);
            for (String type : entry.getValue().types.keySet()) {
                wanted.add(entry.getKey(), type, 0, 0, 0);
            }
        }
        Set<Known> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(KNOWN)) {
            ps.setArray(1, c.createArrayOf("text", wanted.scenarios.toArray()));
            ps.setArray(2, c.createArrayOf("int4", wanted.widths.toArray()));
            ps.setArray(3, c.createArrayOf("int8", wanted.buckets.toArray()));
            ps.setArray(4, c.createArrayOf("text", wanted.events.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key k = new Key(rs.getString(1), rs.getInt(2), rs.getLong(3));
                    String event = rs.getString(4);
                    if (event.equals(HEADER)) {
                        named.put(k, rs.getInt(5));
                    } else {
                        out.add(new Known(k, event));
                    }
                }
            }
        }
        return out;
    }
}
