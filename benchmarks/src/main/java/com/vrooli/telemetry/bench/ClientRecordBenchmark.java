package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.DropReason;
import com.vrooli.telemetry.client.TelemetryClient;
import com.vrooli.telemetry.client.TelemetryClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code TelemetryClient.record} costs the app's thread, in ns per call; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per call. The client runs
 * with its defaults (8192-event queue, each write forced to disk by the forcing thread) on a temporary
 * directory, either without an upload address ({@code upload=none}) or with one where nothing
 * listens ({@code upload=down}, the server down): the two should cost the caller the same.
 *
 * <p>Two shapes of load, because the queue is bounded:
 * <ul>
 *   <li>{@code record}, {@code recordWithDetails}: calls back to back, as fast as the caller can
 *       go. The background thread (which writes and forces the file) cannot keep up, so the queue
 *       stays full and most calls end in a counted drop ({@code QUEUE_FULL}); the tear-down prints
 *       how many. This is what a caller pays in the worst case.</li>
 *   <li>{@code recordBurst}, {@code recordBurstWithDetails}: bursts of {@value #BURST} calls, each
 *       started once the queue is empty, so every event is accepted (none dropped): the cost of
 *       the normal path, including waking the background thread.</li>
 * </ul>
 * Both modes run: average time, and sampled time for the median and the tail (for the bursts a
 * sample is one burst's average per call). JMH's {@code gc.alloc.rate.norm} counts what every
 * thread allocates: in the back-to-back runs the background thread handles about 2% of the calls,
 * so the figure is the caller's own (the queued event and its {@code Instant}); in the bursts it
 * also handles every event, so the figure includes its encoding.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClientRecordBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientRecordBenchmark {

    static final int BURST = 1000;
    private static final Map<String, Object> DETAILS = Map.of("segments", 8, "winner", "pizza", "spin_ms", 1200);

    /** The client under test, one per trial, on its own temporary directory. */
    @State(Scope.Thread)
    public static class Client {

        /** {@code none}: the file only; {@code down}: an upload address where nothing listens. */
        @Param({"none", "down"})
        public String upload;

        private Path dir;
        TelemetryClient client;

        /** Starts a client on a new temporary directory. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("client-record-bench-");
            TelemetryClientBuilder b = TelemetryClient.builder()
                    .scenario("picker-wheel")
                    .deploymentId("deploy-123")
                    .spoolFile(dir.resolve("telemetry/deployment-telemetry.jsonl"))
                    .closeOnShutdown(false);
            if (upload.equals("down")) {
                b.uploadTo(ClientBenchSupport.deadUploadAddress());
            }
            client = b.build();
        }

        /** Prints what became of the events, so a reader knows how many calls were drops. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            client.close();
            ClientStats s = client.stats();
            long queueFull = s.dropped(DropReason.QUEUE_FULL);
            System.out.printf("%n[ClientRecordBenchmark upload=%s] %d calls (warm-up included): %.1f%% dropped because"
                    + " the queue was full, %d written to the file; %s%n", upload, s.recorded(),
                    s.recorded() == 0 ? 0.0 : 100.0 * queueFull / s.recorded(), s.spooled(),
                    ClientBenchSupport.describe(s));
            ClientBenchSupport.deleteTree(dir);
        }
    }

    /** The same client; before each burst it waits until the queue is empty, so no event of the burst is dropped. */
    @State(Scope.Thread)
    public static class DrainedClient extends Client {

        /** Called by JMH before each burst; not measured. */
        @Setup(Level.Invocation)
        public void awaitEmpty() {
            ClientBenchSupport.awaitQueuedAtMost(client, 0);
        }
    }

    /** Back-to-back calls without details. */
    @Benchmark
    public void record(Client c) {
        c.client.record("wheel_spun");
    }

    /** Back-to-back calls with a map of three details. */
    @Benchmark
    public void recordWithDetails(Client c) {
        c.client.record("wheel_spun", DETAILS);
    }

    /** A burst into an empty queue, without details; the score is per call. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void recordBurst(DrainedClient c) {
        TelemetryClient client = c.client;
        for (int i = 0; i < BURST; i++) {
            client.record("wheel_spun");
        }
    }

    /** A burst into an empty queue, with a map of three details; the score is per call. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void recordBurstWithDetails(DrainedClient c) {
        TelemetryClient client = c.client;
        for (int i = 0; i < BURST; i++) {
            client.record("wheel_spun", DETAILS);
        }
    }
}
