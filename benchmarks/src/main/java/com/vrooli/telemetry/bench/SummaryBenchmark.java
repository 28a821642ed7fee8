package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of keeping a summary up to date: events folded into an aggregator per second, and the
 * cost of taking a snapshot (what GET /api/v1/telemetry pays per scenario).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SummaryBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SummaryBenchmark {

    private static final int EVENTS = 1000;

    private List<TelemetryEvent> events;
    private SummaryAggregator warm;

    @Setup
    public void setUp() {
        byte[] body = new RealisticBodies(7).jsonArray(EVENTS);
        events = EventDecoder.create().decode(body, BodyFormat.JSON, null, Instant.now()).events();
        warm = new SummaryAggregator("picker-wheel");
        for (TelemetryEvent e : events) {
            warm.add(e);
        }
    }

    /** Events aggregated per second. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long aggregate() {
        SummaryAggregator a = new SummaryAggregator("picker-wheel");
        for (TelemetryEvent e : events) {
            a.add(e);
        }
        return a.totalEvents();
    }

    /** Snapshots per second of a scenario with failures of several types. */
    @Benchmark
    public ScenarioSummary snapshot() {
        return warm.snapshot();
    }
}
