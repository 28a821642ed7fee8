package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Events as the rows of a {@code COPY ... FROM STDIN} in PostgreSQL's text format: tab-separated
 * columns, {@code \N} for null, backslash escapes for the four characters the format reserves.
 * The column order is {@link #COLUMNS}.
 */
final class CopyRows {

    static final String COLUMNS = "ts, ts_nanos, scenario, deployment_id, event, event_id, level, details, details_text";

    private CopyRows() {
    }

    /** The COPY input for these events, in their order (which becomes their stored order). */
    static byte[] encode(List<TelemetryEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 192);
        for (TelemetryEvent e : events) {
            b.append(PgTimes.micros(e.timestamp())).append('\t');
            b.append(PgTimes.subMicroNanos(e.timestamp())).append('\t');
            b.append(e.scenario()).append('\t'); // names are [A-Za-z0-9._-]: nothing to escape
            text(b, e.deploymentId()).append('\t');
            b.append(e.event()).append('\t');
            text(b, e.eventId()).append('\t');
            b.append(e.level().ordinal()).append('\t');
            String details = e.details() == null ? null : e.details().json();
            text(b, details).append('\t');
            text(b, details).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder text(StringBuilder b, String s) {
        if (s == null) {
            return b.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b;
    }
}
