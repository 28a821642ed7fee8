package com.vrooli.telemetry.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads sizes such as {@code 4MiB}, {@code 512KiB}, {@code 4m}, {@code 1MB} or {@code 1048576}:
 * KiB/MiB/GiB and the single letters k/m/g are powers of 1024, KB/MB/GB powers of 1000, a bare
 * number is bytes. Case-insensitive.
 */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 4MiB or 65536");
        }
        long unit;
        switch (m.group(2)) {
            case "":
            case "b":
                unit = 1;
                break;
            case "k":
            case "kib":
                unit = 1L << 10;
                break;
            case "m":
            case "mib":
                unit = 1L << 20;
                break;
            case "g":
            case "gib":
                unit = 1L << 30;
                break;
            case "kb":
                unit = 1_000;
                break;
            case "mb":
                unit = 1_000_000;
                break;
            case "gb":
                unit = 1_000_000_000;
                break;
            default:
                throw new CommandLine.TypeConversionException("unknown size unit in '" + value
                        + "'; use KiB, MiB, GiB, KB, MB or GB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large");
        }
    }
}
