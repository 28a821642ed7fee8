package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.EventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of one chunk of an event query: the scenario, the keyset position and every filter
 * that can narrow the rows without ever dropping a match. The caller applies the exact filter.
 */
final class SqlFilter {

    private SqlFilter() {
    }

    /**
     * A statement reading up to {@code limit} rows of {@code q}'s scenario after {@code position}
     * in the query's order ({@code position} -1: from the start).
     */
    static PreparedStatement prepare(Connection c, EventQuery q, String columns, long position, int limit)
            throws SQLException {
        boolean newest = q.order() == EventQuery.Order.NEWEST_FIRST;
        StringBuilder sql = new StringBuilder("SELECT ").append(columns)
                .append(" FROM telemetry_events WHERE scenario = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.scenario());
        if (position >= 0) {
            sql.append(newest ? " AND seq < ?" : " AND seq > ?");
            args.add(position);
        }
        if (q.minLevel() != null && q.minLevel().ordinal() > 0) {
            sql.append(" AND level >= ?");
            args.add((short) q.minLevel().ordinal());
        }
        if (!q.eventTypes().isEmpty()) {
            sql.append(" AND event = ANY (?)");
            args.add(c.createArrayOf("text", q.eventTypes().toArray()));
        }
        if (q.deploymentId() != null) {
            sql.append(" AND deployment_id = ?");
            args.add(q.deploymentId());
        }
        if (q.since() != null) {
            sql.append(" AND ts >= ?");
            args.add(PgTimes.timestamp(q.since())); // truncated: a superset
        }
        if (q.until() != null) {
            sql.append(" AND ts <= ?");
            args.add(PgTimes.timestamp(q.until())); // inclusive of its microsecond: a superset
        }
        String like = likePattern(q.search());
        if (like != null) {
            sql.append(" AND (event ILIKE ? OR deployment_id ILIKE ? OR details_text ILIKE ?)");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        sql.append(newest ? " ORDER BY seq DESC" : " ORDER BY seq").append(" LIMIT ?");
        args.add(limit);
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    /**
     * A LIKE pattern that matches at least every text the search matches, or null when none can
     * be made (the search then runs only in Java). Only ASCII searches get one; {@code i} and
     * {@code k} become {@code _} because Java lower-cases U+0130 and U+212A (the Kelvin sign) to
     * them while PostgreSQL, depending on the database's locale, may not.
     */
    static String likePattern(String search) {
        if (search == null) {
            return null;
        }
        StringBuilder p = new StringBuilder(search.length() + 2).append('%');
        for (char ch : search.toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch >= 0x80) {
                return null;
            }
            switch (ch) {
                case 'i', 'k' -> p.append('_');
                case '%', '_', '\\' -> p.append('\\').append(ch);
                default -> p.append(ch);
            }
        }
        return p.append('%').toString();
    }
}
