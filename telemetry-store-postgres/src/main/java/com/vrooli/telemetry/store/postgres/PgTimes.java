package com.vrooli.telemetry.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Instants in PostgreSQL. {@code timestamptz} keeps microseconds and events keep nanoseconds, so
 * each time is two columns: the instant truncated to the microsecond and the nanoseconds below.
 */
final class PgTimes {

    private PgTimes() {
    }

    /** The instant truncated to the microsecond (what {@code timestamptz} holds exactly). */
    static Instant micros(Instant t) {
        return t.minusNanos(t.getNano() % 1000);
    }

    /** The nanoseconds below the microsecond, 0..999. */
    static short subMicroNanos(Instant t) {
        return (short) (t.getNano() % 1000);
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.from(micros(t));
    }

    /** Reads the instant from a {@code timestamptz} column and its nanos column. */
    static Instant read(ResultSet rs, String tsColumn, String nanosColumn) throws SQLException {
        Timestamp ts = rs.getTimestamp(tsColumn);
        return ts == null ? null : ts.toInstant().plusNanos(rs.getShort(nanosColumn));
    }

    /** The UTC day of an instant: the partition it belongs to. */
    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** Midnight UTC at the start of a day, as an ISO literal PostgreSQL reads as timestamptz. */
    static String startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }
}
