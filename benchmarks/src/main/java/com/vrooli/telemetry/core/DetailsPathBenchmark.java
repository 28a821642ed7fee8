package com.vrooli.telemetry.core;

import com.vrooli.telemetry.bench.RealisticBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the Jackson path's middle details path pays: bodies the compact path gives up on (every
 * event carries a key it does not know, {@code "host"}), whose details are nevertheless compact,
 * decoded with details copied as they are ({@code CompactJson} inside {@code DetailsCopier}) and
 * with details re-encoded by the generator. In core's package to reach the package-private switch.
 * Scores are events per second. The two run at the same time, one thread each ({@code @Group}), so
 * both see the same load on a shared machine: compare their ratio, not the absolute figures.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar DetailsPathBenchmark -f 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetailsPathBenchmark {

    static final int EVENTS = 1000;

    @Param({"JSON", "NDJSON"})
    public String format;

    private byte[] body;
    private BodyFormat bodyFormat;
    private final EventDecoder copying = EventDecoder.withPaths(true, true);
    private final EventDecoder reencoding = EventDecoder.withPaths(true, false);
    private final Instant now = Instant.parse("2025-01-15T13:00:00Z");

    @Setup
    public void setUp() {
        RealisticBodies bodies = new RealisticBodies(42);
        bodyFormat = BodyFormat.valueOf(format);
        byte[] plain = bodyFormat == BodyFormat.JSON ? bodies.jsonArray(EVENTS) : bodies.ndjson(EVENTS);
        body = new String(plain, StandardCharsets.UTF_8).replace("{\"scenario\":", "{\"host\":\"build-7\",\"scenario\":")
                .getBytes(StandardCharsets.UTF_8);
        DecodeResult a = copying.decode(body, bodyFormat, null, now);
        DecodeResult b = reencoding.decode(body, bodyFormat, null, now);
        if (a.events().size() != EVENTS || !a.events().equals(b.events())) {
            throw new IllegalStateException("the two paths disagree on the benchmark body");
        }
    }

    /** Details already compact in the body copied as they are, after their tokens are checked. */
    @Benchmark
    @Group("details")
    @GroupThreads(1)
    @OperationsPerInvocation(EVENTS)
    public int copyCompactDetails() {
        return copying.decode(body, bodyFormat, null, now).events().size();
    }

    /** Details re-encoded token by token by the generator. */
    @Benchmark
    @Group("details")
    @GroupThreads(1)
    @OperationsPerInvocation(EVENTS)
    public int reencodeDetails() {
        return reencoding.decode(body, bodyFormat, null, now).events().size();
    }
}
