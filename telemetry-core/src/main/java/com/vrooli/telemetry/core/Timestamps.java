package com.vrooli.telemetry.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses ISO-8601 timestamps with a zone ({@code Z} or an offset) and formats them as UTC.
 *
 * <p>The common RFC 3339 shape ({@code 2025-01-15T12:00:00.123456789+02:00}, what Go and most
 * runtimes write) is parsed by hand, allocation-free; anything else falls back to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} and {@link DateTimeFormatter#ISO_ZONED_DATE_TIME}.
 * Local times without a zone are refused: their instant is unknown. Thread-safe.
 *
 * <p>Kept because it is faster than {@code java.time} (JMH, one fork, measured on the loaded shared
 * machine with both variants in the same run, 2026-12-04): parsing 132-144 ns/op against
 * 3,897-9,777 ns/op for {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME).toInstant()} (about
 * 30x), writing a stored line's time ({@link TimestampWriter#formatTo}) 117-185 ns/op against 338-533 ns/op for
 * {@code Instant.toString()} copied in (about 2.5x); an earlier run gave the same order (parse over
 * 20x, format over 7x). Error bars were wide (the machine was busy), the ratios held in both runs.
 * {@code java -jar benchmarks/target/benchmarks.jar TimestampsBenchmark -f 1 -wi 3 -i 8 -w 1s -r 1s}
 */
public final class Timestamps {

    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Timestamps() {
    }

    /**
     * Parses a zoned ISO-8601 timestamp.
     *
     * @throws DateTimeParseException when the text is not one
     */
    public static Instant parse(CharSequence text) {
        Instant fast = parseRfc3339(text);
        if (fast != null) {
            return fast;
        }
        String s = text.toString();
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(s, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                throw e;
            }
        }
    }

    /**
     * Formats as UTC with a {@code Z} suffix and a fraction of 0, 3, 6 or 9 digits, exactly as
     * {@link Instant#toString()} does.
     */
    public static String format(Instant instant) {
        byte[] buf = new byte[TimestampWriter.formattedLength(instant)];
        TimestampWriter.formatTo(instant, buf, 0);
        return new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The fast path; null when the text is not in the plain RFC 3339 shape. */
    static Instant parseRfc3339(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 35) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        char t = s.charAt(10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (t != 'T' && t != 't') || s.charAt(13) != ':' || s.charAt(16) != ':'
                || day > lengthOfMonth(year, month)) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            nanos *= POW10[9 - count];
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char z = s.charAt(i);
        if (z == 'Z' || z == 'z') {
            if (i + 1 != n) {
                return null;
            }
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            // java.time's limit is +-18:00 exactly; beyond it the fallback reports the error.
            if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * The stored form's fast path: {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z} in ASCII bytes
     * {@code b[from, to)}, what {@link #formatTo} writes (a fraction of 1 to 9 digits); null for any
     * other text, which {@link #parse} then reads. Gives exactly {@link #parse}'s instant for every
     * text it takes. {@code day} remembers the last date read: a file's lines mostly share their
     * day, and then skip its checks.
     */
    static Instant parseStoredUtc(byte[] b, int from, int to, DayCache day) {
        int n = to - from;
        if (n < 20 || n > 30 || b[to - 1] != 'Z') {
            return null;
        }
        long epochDay = day.epochDay(b, from);
        int hour = digits(b, from + 11);
        int minute = digits(b, from + 14);
        int second = digits(b, from + 17);
        if (epochDay == DayCache.NONE || b[from + 10] != 'T' || b[from + 13] != ':' || b[from + 16] != ':'
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int i = from + 19;
        if (i < to - 1) {
            if (b[i] != '.' || n == 21) {
                return null;
            }
            int count = to - 1 - ++i;
            if (count > 9) {
                return null;
            }
            for (; i < to - 1; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return null;
                }
                nanos = nanos * 10 + d;
            }
            nanos *= POW10[9 - count];
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** Two ASCII digits at {@code i} as a number, or -1. */
    private static int digits(byte[] b, int i) {
        int hi = b[i] - '0';
        int lo = b[i + 1] - '0';
        return hi < 0 || hi > 9 || lo < 0 || lo > 9 ? -1 : hi * 10 + lo;
    }

    /**
     * The last {@code YYYY-MM-DD} that {@link #parseStoredUtc} read and its day number, so that the
     * next timestamp of the same day costs a ten-byte comparison. One per reader; not thread-safe.
     */
    static final class DayCache {
        static final long NONE = Long.MIN_VALUE;

        private final byte[] date = new byte[10];
        private long epochDay = NONE;

        /** The day number of the date at {@code b[from, from + 10)}, or {@link #NONE} when it is not a valid one. */
        long epochDay(byte[] b, int from) {
            if (epochDay != NONE && Arrays.equals(date, 0, 10, b, from, from + 10)) {
                return epochDay;
            }
            int year = digits(b, from) * 100 + digits(b, from + 2);
            int month = digits(b, from + 5);
            int dayOfMonth = digits(b, from + 8);
            if (digits(b, from) < 0 || digits(b, from + 2) < 0 || b[from + 4] != '-' || b[from + 7] != '-'
                    || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > lengthOfMonth(year, month)) {
                return NONE;
            }
            System.arraycopy(b, from, date, 0, 10);
            epochDay = Timestamps.epochDay(year, month, dayOfMonth);
            return epochDay;
        }
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = (month + 9) % 12;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
