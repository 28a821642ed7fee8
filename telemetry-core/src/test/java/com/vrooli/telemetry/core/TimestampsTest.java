package com.vrooli.telemetry.core;

import static com.vrooli.telemetry.core.Decoding.errorOf;
import static com.vrooli.telemetry.core.Decoding.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamp parsing (hand-written fast path and java.time fallback) and UTC formatting. */
class TimestampsTest {

    private static final long MIN_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-01-15T12:00:00Z                         | 2025-01-15T12:00:00Z
            2025-01-15t12:00:00z                         | 2025-01-15T12:00:00Z
            2025-01-15T12:00:00+00:00                    | 2025-01-15T12:00:00Z
            2025-01-15T12:00:00-00:00                    | 2025-01-15T12:00:00Z
            2025-01-15T12:00:00+02:00                    | 2025-01-15T10:00:00Z
            2025-01-15T12:00:00-05:30                    | 2025-01-15T17:30:00Z
            2025-01-15T12:00:00+18:00                    | 2025-01-14T18:00:00Z
            2025-01-15T12:00:00-18:00                    | 2025-01-16T06:00:00Z
            2025-01-15T00:30:00+01:00                    | 2025-01-14T23:30:00Z
            2025-01-01T00:30:00+01:00                    | 2024-12-31T23:30:00Z
            2024-12-31T23:30:00-01:00                    | 2025-01-01T00:30:00Z
            2024-02-29T12:00:00Z                         | 2024-02-29T12:00:00Z
            2000-02-29T12:00:00Z                         | 2000-02-29T12:00:00Z
            2024-03-01T00:00:00+00:01                    | 2024-02-29T23:59:00Z
            1970-01-01T00:00:00Z                         | 1970-01-01T00:00:00Z
            1969-12-31T23:59:59.999999999Z               | 1969-12-31T23:59:59.999999999Z
            0000-01-01T00:00:00Z                         | 0000-01-01T00:00:00Z
            9999-12-31T23:59:59Z                         | 9999-12-31T23:59:59Z
            2025-01-15T12:00:00.1Z                       | 2025-01-15T12:00:00.100Z
            2025-01-15T12:00:00.12Z                      | 2025-01-15T12:00:00.120Z
            2025-01-15T12:00:00.123Z                     | 2025-01-15T12:00:00.123Z
            2025-01-15T12:00:00.1234Z                    | 2025-01-15T12:00:00.123400Z
            2025-01-15T12:00:00.12345Z                   | 2025-01-15T12:00:00.123450Z
            2025-01-15T12:00:00.123456Z                  | 2025-01-15T12:00:00.123456Z
            2025-01-15T12:00:00.1234567Z                 | 2025-01-15T12:00:00.123456700Z
            2025-01-15T12:00:00.12345678Z                | 2025-01-15T12:00:00.123456780Z
            2025-01-15T12:00:00.123456789Z               | 2025-01-15T12:00:00.123456789Z
            2025-01-15T12:00:00.000Z                     | 2025-01-15T12:00:00Z
            2025-01-15T12:00:00.123456789+02:00          | 2025-01-15T10:00:00.123456789Z
            2025-01-15T12:00:00.5-07:00                  | 2025-01-15T19:00:00.500Z
            2025-01-15T12:00:00+01:00[Europe/Paris]      | 2025-01-15T11:00:00Z
            2025-07-15T12:00:00+02:00[Europe/Paris]      | 2025-07-15T10:00:00Z
            2025-01-15T12:00:00Z[UTC]                    | 2025-01-15T12:00:00Z
            2025-01-15T12:00:00+01:00:30                 | 2025-01-15T10:59:30Z
            2025-01-15T12:00Z                            | 2025-01-15T12:00:00Z
            +12025-01-15T12:00:00Z                       | +12025-01-15T12:00:00Z
            """)
    void zonedTimestampsAreParsedToTheirInstant(String text, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(text));
        assertEquals(expected, Timestamps.format(Timestamps.parse(text)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "2025-01-15T12:00:00", "2025-01-15T12:00:00.123", "2025-01-15", "12:00:00Z", "2025-01-15 12:00:00Z",
        "2025-02-30T12:00:00Z", "2025-02-29T12:00:00Z", "1900-02-29T12:00:00Z", "2100-02-29T00:00:00Z",
        "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-01-00T00:00:00Z",
        "2025-01-32T00:00:00Z", "2025-01-15T24:00:00Z", "2025-01-15T12:60:00Z", "2025-01-15T12:00:61Z",
        "2025-01-15T23:59:60Z", "2025-01-15T12:00:00+1", "2025-01-15T12:00:00+0100", "2025-01-15T12:00:00+19:00",
        "2025-01-15T12:00:00+18:01", "2025-01-15T12:00:00-18:30", "2025-01-15T12:00:00+01:60",
        "2025-01-15T12:00:00.1234567891Z", "2025-01-15T12:00:00,5Z", "2025-01-15T12:00:00ZZ",
        "2025-01-15T12:00:00Z ", " 2025-01-15T12:00:00Z", "2025-1-15T12:00:00Z", "2025-01-15T12:00:00 Z",
        "\uff12\uff10\uff12\uff15-01-15T12:00:00Z", "yesterday", "now", "", "1736942400", "-1",
        "2025-01-15T12:00:00+01:00[Mars/Olympus]", "2025-01-15T12:00:00[Europe/Paris]"})
    void textsThatAreNotZonedIso8601TimesAreRefused(String text) {
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text));
        assertNull(Timestamps.parseRfc3339(text), "the fast path must not accept what java.time refuses");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"2025-01-15T12:00:00", "2025-02-30T00:00:00Z", "2025-01-15T24:00:00Z", "garbage", ""})
    void aBadTimestampIsAnErrorForItsEventNamingFieldAndValue(String text) {
        assertEquals("timestamp '" + text + "' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
                errorOf(EventFieldValidationTest.eventWithField("timestamp", "\"" + text + "\"")));
        assertEquals("ts '" + text + "' is not an ISO-8601 time with a zone, such as 2025-01-15T12:00:00Z",
                errorOf(EventFieldValidationTest.eventWithField("ts", "\"" + text + "\"")));
    }

    @Test
    void aLongBadTimestampIsQuotedOnlyInPart() {
        String text = "2025-01-15T12:00:00Z" + "x".repeat(500);

        assertEquals("timestamp '" + text.substring(0, 64) + "...' is not an ISO-8601 time with a zone,"
                        + " such as 2025-01-15T12:00:00Z",
                errorOf(EventFieldValidationTest.eventWithField("timestamp", "\"" + text + "\"")));
    }

    @Test
    void goRfc3339WithNanosecondsIsStoredNormalisedToUtc() {
        TelemetryEvent e = only("{\"scenario\":\"s\",\"event\":\"e\",\"ts\":\"2025-01-15T12:00:00.123456789+02:00\"}");

        assertEquals(Instant.parse("2025-01-15T10:00:00.123456789Z"), e.timestamp());
        assertEquals("{\"ts\":\"2025-01-15T10:00:00.123456789Z\",\"scenario\":\"s\",\"event\":\"e\"}\n",
                Decoding.text(EventLineCodec.encode(e)));
    }

    /**
     * Property: for random, often invalid, RFC 3339-shaped texts, {@link Timestamps#parse} agrees
     * with java.time on acceptance and on the instant, and the fast path never accepts what
     * java.time refuses.
     */
    @Test
    void theFastPathAgreesWithJavaTimeOnRandomTexts() {
        Random random = new Random(20250115);
        int fastAccepted = 0;
        for (int i = 0; i < 6_000; i++) {
            String text = randomRfc3339Like(random);
            Instant expected = javaTime(text);
            Instant fast = Timestamps.parseRfc3339(text);
            if (fast != null) {
                fastAccepted++;
                assertEquals(expected, fast, text);
            }
            if (expected == null) {
                assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text), text);
            } else {
                assertEquals(expected, Timestamps.parse(text), text);
            }
        }
        assertTrue(fastAccepted > 1_500, "the generator must exercise the fast path, got " + fastAccepted);
    }

    /**
     * Property: the stored lines' fast path (one {@code DayCache} for many texts, as a file is read)
     * gives {@link Timestamps#parse}'s instant for every stored-form text, valid or not: dates of
     * years 0000 to 9999 with the leap days of 1900, 2000 and 2024, month ends and days past them,
     * fractions of 0 to 9 digits, texts repeating the previous date (cache hits) and not.
     */
    @Test
    void theStoredFastPathAgreesWithParseOnRandomStoredTexts() {
        Random random = new Random(20261205);
        Timestamps.DayCache day = new Timestamps.DayCache();
        String[] dates = {"1900-02-29", "2000-02-29", "2024-02-29", "2026-02-29", "0000-02-29", "9999-12-31",
            "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-12-32"};
        int taken = 0;
        int refused = 0;
        String previousDate = "2026-12-05";
        for (int i = 0; i < 20_000; i++) {
            String date;
            int pick = random.nextInt(10);
            if (pick < 3) {
                date = previousDate;
            } else if (pick < 5) {
                date = dates[random.nextInt(dates.length)];
            } else {
                int month = 1 + random.nextInt(12);
                date = String.format("%04d-%02d-%02d", random.nextInt(10_000), month, 1 + random.nextInt(31));
            }
            previousDate = date;
            int digits = random.nextInt(10);
            StringBuilder text = new StringBuilder(date).append(String.format("T%02d:%02d:%02d",
                    random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            if (digits > 0) {
                text.append('.');
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            String stored = text.append('Z').toString();
            byte[] bytes = ("x" + stored + "y").getBytes(StandardCharsets.US_ASCII);
            Instant fast = Timestamps.parseStoredUtc(bytes, 1, bytes.length - 1, day);
            Instant expected = parseOrNull(stored);
            assertEquals(expected, fast, stored);
            if (fast != null) {
                taken++;
            } else {
                refused++;
            }
        }
        assertTrue(taken > 10_000 && refused > 1_000, "both outcomes exercised: " + taken + " taken, " + refused + " refused");
    }

    private static Instant parseOrNull(String text) {
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Property: every valid instant, written at any offset with any precision, reads back exactly. */
    @Test
    void randomInstantsAtRandomOffsetsReadBackExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // A day's margin keeps the local date within the four-digit years at any offset.
            long second = MIN_SECOND + 86_400 + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND - 2 * 86_400));
            int digits = random.nextInt(10);
            int nanos = random.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(second, nanos - nanos % pow10(9 - digits));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 60 + 1) - 18 * 60) * 60);
            String text = rfc3339(instant, offset, digits, random.nextBoolean());

            assertEquals(instant, Timestamps.parse(text), text);
            assertEquals(instant, Timestamps.parseRfc3339(text), text);
        }
    }

    @Test
    void formattingMatchesInstantToStringAcrossTheWholeRange() {
        Random random = new Random(7);
        long min = Instant.MIN.getEpochSecond();
        long max = Instant.MAX.getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = switch (i % 3) {
                case 0 -> MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND));
                case 1 -> min + (long) (random.nextDouble() * ((double) max - min));
                default -> random.nextInt(200_000) - 100_000L + (random.nextBoolean() ? MIN_SECOND : MAX_SECOND);
            };
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String expected = instant.toString();

            assertEquals(expected, Timestamps.format(instant));
            assertEquals(expected.length(), TimestampWriter.formattedLength(instant), expected);
            byte[] buf = new byte[expected.length() + 3];
            assertEquals(expected.length() + 2, TimestampWriter.formatTo(instant, buf, 2), expected);
            assertEquals(expected, new String(buf, 2, expected.length(), StandardCharsets.US_ASCII));
        }
        assertEquals(Instant.MIN.toString(), Timestamps.format(Instant.MIN));
        assertEquals(Instant.MAX.toString(), Timestamps.format(Instant.MAX));
    }

    @Test
    void everyDayOfFourHundredYearsParsesToTheSameInstantAsJavaTime() {
        // A whole Gregorian cycle covers every leap-year rule, 1900 and 2100 as well as 2000.
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.getYear() < 2300; day = day.plusDays(1)) {
            String text = day + "T23:59:59Z";
            assertEquals(day.atTime(23, 59, 59).toInstant(ZoneOffset.UTC), Timestamps.parseRfc3339(text), text);
        }
    }

    private static Instant javaTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Texts in the RFC 3339 shape whose fields stray a little out of range now and then. */
    private static String randomRfc3339Like(Random r) {
        StringBuilder sb = new StringBuilder();
        sb.append(pad(r.nextInt(10_000), 4)).append('-')
                .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : 1 + r.nextInt(12), 2)).append('-')
                .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : 1 + r.nextInt(31), 2))
                .append(r.nextInt(20) == 0 ? 't' : 'T')
                .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : r.nextInt(24), 2)).append(':')
                .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : r.nextInt(60), 2)).append(':')
                .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : r.nextInt(60), 2));
        int digits = r.nextInt(12);
        if (digits > 0) {
            sb.append('.');
            for (int i = 0; i < digits - 1; i++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(5)) {
            case 0 -> sb.append('Z');
            case 1 -> sb.append('z');
            case 2 -> sb.append(r.nextBoolean() ? '+' : '-').append(pad(r.nextInt(20), 2)).append(':')
                    .append(pad(r.nextInt(10) == 0 ? r.nextInt(100) : r.nextInt(60), 2));
            case 3 -> sb.append(r.nextBoolean() ? '+' : '-').append(pad(r.nextInt(19), 2)).append(':').append("00");
            default -> sb.append(r.nextInt(30) == 0 ? "" : "+01:00");
        }
        return sb.toString();
    }

    private static String rfc3339(Instant instant, ZoneOffset offset, int digits, boolean lowercase) {
        OffsetDateTime t = instant.atOffset(offset);
        StringBuilder sb = new StringBuilder(t.toLocalDate().toString()).append(lowercase ? 't' : 'T')
                .append(pad(t.getHour(), 2)).append(':').append(pad(t.getMinute(), 2)).append(':')
                .append(pad(t.getSecond(), 2));
        if (digits > 0) {
            sb.append('.').append(pad(t.getNano(), 9), 0, digits);
        }
        if (offset.getTotalSeconds() == 0 && digits % 2 == 0) {
            sb.append(lowercase ? 'z' : 'Z');
        } else {
            int total = Math.abs(offset.getTotalSeconds()) / 60;
            sb.append(offset.getTotalSeconds() < 0 ? '-' : '+').append(pad(total / 60, 2)).append(':')
                    .append(pad(total % 60, 2));
        }
        return sb.toString();
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static int pow10(int n) {
        int v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
