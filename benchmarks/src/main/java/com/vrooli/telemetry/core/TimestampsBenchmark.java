package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Timestamps} against {@code java.time}: parsing a zoned RFC 3339 text (what {@code java.time}
 * would need to accept offsets: {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME).toInstant()}),
 * and writing an instant's text into a stored line ({@code TimestampWriter.formatTo} against
 * {@code Instant.toString()} copied in). Nanoseconds per operation; compare within one run. In
 * core's package to reach {@code formatTo}.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar TimestampsBenchmark -f 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimestampsBenchmark {

    @Param({"2025-01-15T12:00:00Z", "2025-01-15T12:00:00.123Z", "2025-01-15T14:00:00.123456789+02:00"})
    public String text;

    private final byte[] line = new byte[64];
    private Instant instant;

    @Setup
    public void setUp() {
        instant = Timestamps.parse(text);
    }

    @Benchmark
    public Instant parseTimestamps() {
        return Timestamps.parse(text);
    }

    @Benchmark
    public Instant parseJavaTime() {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    @Benchmark
    public int formatTimestamps() {
        return TimestampWriter.formatTo(instant, line, 0);
    }

    @Benchmark
    public int formatJavaTime() {
        byte[] ascii = instant.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, line, 0, ascii.length);
        return ascii.length;
    }
}
