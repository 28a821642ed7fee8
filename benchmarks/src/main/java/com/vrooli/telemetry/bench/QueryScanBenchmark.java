package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events queries over one large scenario file (default 1 GiB of realistic stored lines, about 4.6
 * million events, a quarter of them failures), in the JSONL store.
 *
 * <ul>
 *   <li>{@code fullScan}: a filtered query that matches nothing, so the whole file is read (the
 *       worst case of {@code logs --search} or {@code --event}); time per scan, from which MB/s
 *       follows. {@code filter}: {@code search} (a text no line holds), {@code eventType} (a type
 *       no line has), {@code deployment} (a deployment id no line has).</li>
 *   <li>{@code last100Errors}: the newest-first page of the last 100 errors, which must read only
 *       the end of the file; the tear-down prints the bytes read per query.</li>
 * </ul>
 * The file is generated once into {@code -Dbench.dir} (default
 * {@code ${java.io.tmpdir}/telemetry-query-scan-<MiB>}) and kept, with the store's snapshot, so
 * later runs start at once. The file is in the page cache while measuring: this measures the
 * store, not the disk.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueryScanBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class QueryScanBenchmark {

    static final String SCENARIO = "big-scenario";

    @Param("1024")
    public int fileMiB;

    @Param({"search", "eventType", "deployment"})
    public String filter;

    @Param({"OLDEST_FIRST", "NEWEST_FIRST"})
    public String order;

    private JsonlTelemetryStore store;
    private EventQuery fullScan;
    private EventQuery last100Errors;
    private long fileBytes;
    private long queries;
    private long scannedBefore;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "telemetry-query-scan-" + fileMiB).toString()));
        Path file = dir.resolve(SCENARIO + ".jsonl");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            Path partial = dir.resolve(SCENARIO + ".partial");
            Files.deleteIfExists(partial);
            StoredLineFiles lines = new StoredLineFiles(11);
            long target = (long) fileMiB << 20;
            for (long written = 0; written < target; ) {
                written += lines.write(partial, SCENARIO, 100_000);
            }
            Files.move(partial, file);
        }
        fileBytes = Files.size(file);
        store = JsonlTelemetryStore.builder(dir).open();
        EventQuery.Builder q = EventQuery.builder(SCENARIO).order(EventQuery.Order.valueOf(order)).limit(100);
        switch (filter) {
            case "search" -> q.search("no line holds this text");
            case "eventType" -> q.eventTypes(Set.of("update_error"));
            case "deployment" -> q.deploymentId("deploy-999");
            default -> throw new IllegalArgumentException("unknown filter " + filter);
        }
        fullScan = q.build();
        last100Errors = EventQuery.builder(SCENARIO).minLevel(EventLevel.ERROR).limit(100).build();
        System.out.printf("%n%s: %,d bytes, %,d events%n", file, fileBytes,
                store.summary(SCENARIO).orElseThrow().totalEvents());
    }

    @Setup(Level.Iteration)
    public void countFromHere() {
        queries = 0;
        scannedBefore = store.stats().bytesScanned();
    }

    @TearDown(Level.Iteration)
    public void report() {
        long scanned = store.stats().bytesScanned() - scannedBefore;
        System.out.printf("%n  %,d queries read %,d bytes each (file %,d bytes)%n", queries,
                queries == 0 ? 0 : scanned / queries, fileBytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** A filtered query that matches nothing: the whole file is read. */
    @Benchmark
    public EventPage fullScan() {
        queries++;
        EventPage page = store.query(fullScan);
        if (!page.events().isEmpty()) {
            throw new IllegalStateException("the filter was meant to match nothing");
        }
        return page;
    }

    /** The newest 100 errors: reads only the end of the file. */
    @Benchmark
    public EventPage last100Errors() {
        queries++;
        EventPage page = store.query(last100Errors);
        if (page.events().size() != 100) {
            throw new IllegalStateException("expected 100 errors, got " + page.events().size());
        }
        return page;
    }
}
