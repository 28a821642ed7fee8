package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.Timestamps;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The command line's one reading of a duration, for every flag that takes one: the timeouts of
 * {@code serve}, {@code --retain-age}, and the spans ago of {@code logs --since/--until}.
 *
 * <p>A duration is a whole number and one unit, {@code ms}, {@code s}, {@code m}, {@code h},
 * {@code d} or {@code w} ({@code 500ms}, {@code 10s}, {@code 90m}, {@code 12h}, {@code 30d},
 * {@code 2w}; a space between them is allowed, a bare number is seconds), or an ISO-8601 duration
 * such as {@code PT12H} or {@code P30D}. Case-insensitive, never negative. The three readings it
 * replaced each accepted a subset of these forms; every value they accepted means the same here.
 */
final class DurationArgument {

    /** Up to 9 digits: even 999,999,999 weeks stays within what {@link Duration} holds. */
    private static final Pattern SPAN = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w|)");

    private DurationArgument() {
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException when it is not a duration (the message quotes it)
     */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SPAN.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofSeconds(n);
            };
        }
        Duration iso = null;
        if (t.startsWith("p")) {
            try {
                iso = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                iso = null;
            }
        }
        if (iso == null || iso.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 10s, 90m, 12h,"
                    + " 30d, 2w or P30D");
        }
        return iso;
    }

    /**
     * The instant {@code text} names for a time option such as {@code --since}: an ISO-8601 time
     * with a zone, or a duration counted back from the clock's now.
     *
     * @throws CliException (usage) when the text is neither
     */
    static Instant instant(String option, String text, Clock clock) {
        try {
            return clock.instant().minus(parse(text));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException notASpan) {
            try {
                return Timestamps.parse(text.trim());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new CliException(CliException.USAGE, option + " must be a time with a zone such as"
                        + " 2025-01-15T12:00:00Z, or a span ago such as 30m, 2h or 7d; got '" + text + "'");
            }
        }
    }

    /** Picocli's converter for options that take a duration, zero included (timeouts check their own range). */
    static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Picocli's converter for options that take a positive duration, such as {@code --retain-age}. */
    static final class Positive implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new Converter().convert(value);
            if (d.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
            }
            return d;
        }
    }
}
