package com.vrooli.telemetry.http;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads ages such as {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s} or {@code 2w}, or an
 * ISO-8601 duration such as {@code P30D} or {@code PT12H}. Case-insensitive; must be positive.
 */
final class AgeConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = AGE.matcher(text);
        Duration age;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "s":
                    age = Duration.ofSeconds(n);
                    break;
                case "m":
                    age = Duration.ofMinutes(n);
                    break;
                case "h":
                    age = Duration.ofHours(n);
                    break;
                case "d":
                    age = Duration.ofDays(n);
                    break;
                default:
                    age = Duration.ofDays(7 * n);
            }
        } else {
            try {
                age = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an age such as 30d, 12h or 90m");
            }
        }
        if (age.isNegative() || age.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be a positive age");
        }
        return age;
    }
}
