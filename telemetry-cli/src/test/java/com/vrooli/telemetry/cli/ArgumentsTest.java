package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Sizes, durations and times as typed on the command line. */
class ArgumentsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T13:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"4MiB, 4194304", "4mib, 4194304", "4m, 4194304", "4 MiB, 4194304", "512KiB, 524288",
        "1MB, 1000000", "2kb, 2000", "1GiB, 1073741824", "65536, 65536", "10b, 10"})
    @DisplayName("sizes with binary and decimal units")
    void sizes(String text, long bytes) {
        assertEquals(bytes, ByteSizeConverter.parse(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "MiB", "4 parsecs", "-1", "99999999999999999999GiB"})
    @DisplayName("malformed sizes are refused")
    void badSizes(String text) {
        assertThrows(CommandLine.TypeConversionException.class, () -> ByteSizeConverter.parse(text));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "10, PT10S", "10 s, PT10S", "0s, PT0S", "2m, PT2M", "90M, PT1H30M",
        "1h, PT1H", "12h, PT12H", "30d, PT720H", "2w, PT336H", "P30D, PT720H", "pt12h, PT12H", "PT0.25S, PT0.25S"})
    @DisplayName("one duration grammar for timeouts, --retain-age and spans ago: ms, s (or none), m, h, d, w, ISO-8601")
    void durations(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationArgument.parse(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "soon", "5x", "-2h", "2h30m", "1.5h", "1y", "PT-1S", "P", "1234567890s"})
    @DisplayName("other durations are refused, naming the text and the forms that work")
    void badDurations(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationArgument.parse(text));
        assertEquals("'" + text + "' is not a duration such as 500ms, 10s, 90m, 12h, 30d, 2w or P30D", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0s", "0", "PT0S"})
    @DisplayName("--retain-age takes a positive duration")
    void positiveDurations(String text) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
                () -> new DurationArgument.Positive().convert(text));
        assertEquals("'" + text + "' must be a positive duration", e.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"2025-01-15T12:00:00Z, 2025-01-15T12:00:00Z", "2025-01-15T14:00:00+02:00, 2025-01-15T12:00:00Z",
        "30s, 2025-01-15T12:59:30Z", "15m, 2025-01-15T12:45:00Z", "2h, 2025-01-15T11:00:00Z",
        "1d, 2025-01-14T13:00:00Z", "1w, 2025-01-08T13:00:00Z"})
    @DisplayName("times are ISO-8601 with a zone or a span ago")
    void times(String text, String instant) {
        assertEquals(Instant.parse(instant), DurationArgument.instant("--since", text, CLOCK));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2025-01-15T12:00:00", "2h30m", "-2h"})
    @DisplayName("other times are usage errors")
    void badTimes(String text) {
        CliException e = assertThrows(CliException.class, () -> DurationArgument.instant("--since", text, CLOCK));
        assertEquals(CliException.USAGE, e.exitCode());
    }
}
