package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code --since}/{@code --until}: an ISO-8601 time with a zone, or a span ago such as 30m, 2h, 7d. */
final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhdw])");

    private TimeArgument() {
    }

    /**
     * The instant {@code text} names, relative spans counted back from the clock's now.
     *
     * @throws CliException (usage) when the text is neither
     */
    static Instant parse(String option, String text, Clock clock) {
        Matcher m = AGO.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration span;
            switch (m.group(2)) {
                case "s":
                    span = Duration.ofSeconds(n);
                    break;
                case "m":
                    span = Duration.ofMinutes(n);
                    break;
                case "h":
                    span = Duration.ofHours(n);
                    break;
                case "d":
                    span = Duration.ofDays(n);
                    break;
                default:
                    span = Duration.ofDays(7 * n);
            }
            return clock.instant().minus(span);
        }
        try {
            return Timestamps.parse(text.trim());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CliException(CliException.USAGE, option + " must be a time with a zone such as"
                    + " 2025-01-15T12:00:00Z, or a span ago such as 30m, 2h or 7d; got '" + text + "'");
        }
    }
}
