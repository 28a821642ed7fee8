package com.vrooli.telemetry.core;

import java.time.Instant;

/**
 * Writes an instant as {@link Timestamps#format} does (UTC, {@code Z}, a fraction of 0, 3, 6 or 9
 * digits, as {@link Instant#toString()}) straight into a byte array, allocation-free: the stored
 * line's time ({@link EventLineCodec}). Figures against {@code Instant.toString()} are in
 * {@link Timestamps}. Stateless and thread-safe.
 */
final class TimestampWriter {

    private static final long SECONDS_PER_DAY = 86_400L;

    private TimestampWriter() {
    }

    /** The length of {@link Timestamps#format(Instant)}'s result, without building it. */
    static int formattedLength(Instant instant) {
        long year = yearOf(instant);
        if (year < 0 || year > 9999) {
            return instant.toString().length();
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return 20;
        }
        if (nanos % 1_000_000 == 0) {
            return 24;
        }
        return nanos % 1_000 == 0 ? 27 : 30;
    }

    /**
     * Writes {@link Timestamps#format(Instant)}'s ASCII text into {@code dst} at {@code pos}.
     *
     * @return the position after the last byte written
     */
    static int formatTo(Instant instant, byte[] dst, int pos) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        long date = civilDate(epochDay);
        long year = date >> 9;
        int month = (int) (date >> 5 & 0xF);
        int day = (int) (date & 0x1F);
        if (year < 0 || year > 9999) {
            String text = instant.toString();
            for (int i = 0; i < text.length(); i++) {
                dst[pos++] = (byte) text.charAt(i);
            }
            return pos;
        }
        pos = put(dst, pos, (int) year, 4);
        dst[pos++] = '-';
        pos = put(dst, pos, month, 2);
        dst[pos++] = '-';
        pos = put(dst, pos, day, 2);
        dst[pos++] = 'T';
        pos = put(dst, pos, secondOfDay / 3600, 2);
        dst[pos++] = ':';
        pos = put(dst, pos, secondOfDay / 60 % 60, 2);
        dst[pos++] = ':';
        pos = put(dst, pos, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            dst[pos++] = '.';
            if (nanos % 1_000_000 == 0) {
                pos = put(dst, pos, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pos = put(dst, pos, nanos / 1_000, 6);
            } else {
                pos = put(dst, pos, nanos, 9);
            }
        }
        dst[pos++] = 'Z';
        return pos;
    }

    private static long yearOf(Instant instant) {
        return civilDate(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY)) >> 9;
    }

    /**
     * The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm, the
     * inverse of {@code Timestamps.epochDay}), packed as {@code year << 9 | month << 5 | day} so that the
     * formatting path allocates nothing.
     */
    private static long civilDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }

    private static int put(byte[] dst, int pos, int value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return pos + width;
    }
}
