package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The end-to-end load driver of issue 5: starts the real {@code TelemetryServer} over a
 * {@code JsonlTelemetryStore} in a temporary directory and measures, in one run,
 * <ol>
 *   <li>closed-loop throughput of 1000-event uploads against a naive ceiling (a bare Undertow
 *       handler with a Jackson tree parse and no validation), as a ratio;</li>
 *   <li>upload latency at a fixed rate of half the maximum, without coordinated omission;</li>
 *   <li>{@code GET /api/v1/telemetry} latency over 1,000 scenarios at 1 and 10 million stored events.</li>
 * </ol>
 * The client is a raw-socket HTTP/1.1 keep-alive client with pre-built requests, the same for
 * both servers, in the same JVM.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar com.vrooli.telemetry.bench.load.LoadDriver --help}
 */
@Command(name = "LoadDriver", sortOptions = false, mixinStandardHelpOptions = false,
        description = "End-to-end load: ingest throughput against the naive ceiling, fixed-rate upload latency,"
                + " summaries latency.")
public final class LoadDriver implements Callable<Integer> {

    @Mixin
    private final LoadOptions o = new LoadOptions();

    private LoadDriver() {
    }

    /** Runs the driver; exits with 0 when every run was error-free, 1 otherwise, 2 on wrong usage. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadDriver()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FsyncPolicy fsync = FsyncPolicy.valueOf(o.fsync.toUpperCase(Locale.ROOT));
        printSetting(fsync);
        ThroughputPart.Outcome throughput = null;
        LatencyPart.Outcome latency = null;
        List<SummariesPart.Step> summaries = null;
        if (o.mode == LoadOptions.Mode.all || o.mode == LoadOptions.Mode.throughput) {
            heading("(a) closed-loop throughput: " + o.batch + "-event " + o.format + " uploads, " + o.connections
                    + " connections, ours against the naive ceiling");
            if (o.oursOnly) {
                return ThroughputPart.runOursOnly(o, fsync).errors() == 0 ? 0 : 1;
            }
            throughput = ThroughputPart.run(o, fsync);
        }
        if (o.mode == LoadOptions.Mode.all || o.mode == LoadOptions.Mode.latency) {
            heading("(b) fixed-rate upload latency: " + o.latencyBatch + "-event uploads, " + o.latencyConnections
                    + " connections");
            latency = LatencyPart.run(o, fsync);
        }
        if (o.mode == LoadOptions.Mode.all || o.mode == LoadOptions.Mode.summaries) {
            heading("(c) GET /api/v1/telemetry latency: " + o.summaryScenarios + " scenarios");
            summaries = SummariesPart.run(o, fsync);
        }
        if (o.mode == LoadOptions.Mode.stores) {
            heading("(d) stores side by side: " + o.batch + "-event uploads, " + o.connections + " connections");
            List<StoresPart.Row> rows = StoresPart.run(o, fsync);
            return rows.stream().allMatch(r -> r.median().errors() == 0) ? 0 : 1;
        }
        if (o.mode == LoadOptions.Mode.pg_summaries) {
            heading("(e) GET /api/v1/telemetry latency on PostgreSQL: " + o.summaryScenarios + " scenarios");
            PgSummariesPart.run(o, fsync);
            return 0;
        }
        if (o.mode == LoadOptions.Mode.pg_activity) {
            heading("(f) timeline and deployments latency on PostgreSQL: " + o.summaryScenarios + " scenarios");
            PgActivityPart.run(o);
            return 0;
        }
        return Verdicts.print(throughput, latency, summaries) ? 0 : 1;
    }

    private void printSetting(FsyncPolicy fsync) {
        heading("setting");
        Runtime rt = Runtime.getRuntime();
        System.out.printf("JVM %s %s, %d CPUs, max heap %,d MB; load average now %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rt.availableProcessors(),
                rt.maxMemory() >> 20, loadAverage());
        System.out.printf("store: JSONL (PostgreSQL 16 with its defaults, embedded, in the stores and pg_summaries"
                + " modes), fsync=%s, de-dup window %s, files under %s; the naive server %s%n",
                fsync.name().toLowerCase(Locale.ROOT), o.dedupWindow == null ? "default" : o.dedupWindow, o.baseDir,
                fsync == FsyncPolicy.NEVER ? "never forces its file" : "forces its file before each answer");
        System.out.println("client: raw-socket HTTP/1.1 keep-alive, one thread per connection, in this JVM;"
                + " every event id unique; latency = request written to answer read");
        System.out.println("events/s and MB/s (request bodies, 10^6 bytes) are of accepted uploads only;"
                + " cpu is in cores over the run");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void heading(String title) {
        System.out.println();
        System.out.println("== " + title);
    }
}
