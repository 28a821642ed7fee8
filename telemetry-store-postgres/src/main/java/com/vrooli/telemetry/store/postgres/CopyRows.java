package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Events as the input of a {@code COPY ... FROM STDIN (FORMAT binary)}: PostgreSQL's binary copy
 * format, so the database reads timestamps and numbers as they are instead of parsing text, and
 * text without unescaping. The column order is {@link #COLUMNS}; {@code ts} is microseconds since
 * 2000-01-01 UTC (the server's integer timestamps), {@code details} is jsonb's binary input
 * (version 1, then the text).
 */
final class CopyRows {

    static final String COLUMNS = "ts, ts_nanos, scenario, deployment_id, event, event_id, level, details, details_text";
    /** The statement that reads {@link #encode}'s output. */
    static final String SQL = "COPY telemetry_events (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final short FIELDS = 9;
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final byte JSONB_VERSION = 1;

    private CopyRows() {
    }

    /** The COPY input for these events, in their order (which becomes their stored order). */
    static byte[] encode(List<TelemetryEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
            for (TelemetryEvent e : events) {
                out.writeShort(FIELDS);
                out.writeInt(8);
                out.writeLong(postgresMicros(e.timestamp()));
                out.writeInt(2);
                out.writeShort(PgTimes.subMicroNanos(e.timestamp()));
                text(out, e.scenario());
                text(out, e.deploymentId());
                text(out, e.event());
                text(out, e.eventId());
                out.writeInt(2);
                out.writeShort(e.level().ordinal());
                byte[] details = e.details() == null ? null : e.details().json().getBytes(StandardCharsets.UTF_8);
                if (details == null) {
                    out.writeInt(-1);
                    out.writeInt(-1);
                } else {
                    out.writeInt(details.length + 1);
                    out.writeByte(JSONB_VERSION);
                    out.write(details);
                    out.writeInt(details.length);
                    out.write(details);
                }
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Microseconds since 2000-01-01T00:00Z, truncated as {@link PgTimes#micros} truncates. */
    static long postgresMicros(Instant t) {
        return (t.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1000;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
