package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending to the JSONL store, in events per second, with each fsync policy: batches of 100 and
 * of 1000 realistic events (every one with a deployment id and a new event id, so each is checked
 * against the de-duplication window and stored), from one thread, and batches of 100 from four
 * threads at once (where {@code BATCH}'s group commit shares forces). The store has its default
 * settings otherwise (snapshots included) and a real temporary directory; each batch is built
 * before its call and not timed.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StoreAppendBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class StoreAppendBenchmark {

    static final String SCENARIO = "picker-wheel";
    private static final AtomicLong SEEDS = new AtomicLong(1);

    @Param({"ALWAYS", "BATCH", "NEVER"})
    public String fsync;

    private Path dir;
    private JsonlTelemetryStore store;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("store-append-bench-");
        store = JsonlTelemetryStore.builder(dir).fsync(FsyncPolicy.valueOf(fsync)).open();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A fresh batch of {@code size} events for each call, built before it. */
    @State(Scope.Thread)
    public abstract static class Batch {
        private final StoredLineFiles events = new StoredLineFiles(SEEDS.getAndIncrement());
        List<TelemetryEvent> next;

        abstract int size();

        @Setup(Level.Invocation)
        public void build() {
            List<TelemetryEvent> batch = new ArrayList<>(size());
            for (int i = 0; i < size(); i++) {
                batch.add(events.next(SCENARIO));
            }
            next = batch;
        }
    }

    /** Batches of 100 events. */
    public static class Batch100 extends Batch {
        @Override
        int size() {
            return 100;
        }
    }

    /** Batches of 1000 events. */
    public static class Batch1000 extends Batch {
        @Override
        int size() {
            return 1000;
        }
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public AppendResult batchOf100(Batch100 batch) {
        return store.append(batch.next);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public AppendResult batchOf1000(Batch1000 batch) {
        return store.append(batch.next);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    @Threads(4)
    public AppendResult batchOf100FromFourThreads(Batch100 batch) {
        return store.append(batch.next);
    }
}
