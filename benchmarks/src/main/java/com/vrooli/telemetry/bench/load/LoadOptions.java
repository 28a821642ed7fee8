package com.vrooli.telemetry.bench.load;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The driver's options, with defaults sized for a default run of a few minutes on a 2-core machine. */
final class LoadOptions {

    /** Which parts of the benchmark to run. */
    enum Mode { all, throughput, latency, summaries, stores, pg_summaries, pg_activity }

    @Option(names = "--mode", description = "all, throughput, latency or summaries (the JSONL store); stores (one"
            + " JSONL node, one PostgreSQL node, two PostgreSQL nodes on one database, side by side) or pg_summaries"
            + " (summaries latency of a PostgreSQL node), pg_activity (timeline and deployments latency of a"
            + " PostgreSQL node at the first --summary-events); 'all' runs the first four (default: ${DEFAULT-VALUE})")
    Mode mode = Mode.all;

    @Option(names = "--fsync", description = "store fsync policy, always|batch|never; the naive server forces"
            + " per request unless never (default: ${DEFAULT-VALUE})")
    String fsync = "batch";

    @Option(names = "--dedup-window", description = "event ids the store remembers to drop retries (default: the"
            + " store's own default)")
    Integer dedupWindow;

    @Option(names = "--format", description = "upload body format, JSON or NDJSON (default: ${DEFAULT-VALUE})")
    UploadRequests.BodyFormat format = UploadRequests.BodyFormat.JSON;

    @Option(names = "--dir", description = "where the temporary store directories go (default: java.io.tmpdir)")
    Path baseDir = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--connections", description = "throughput: concurrent connections (default: ${DEFAULT-VALUE})")
    int connections = 16;

    @Option(names = "--batch", description = "throughput: events per upload (default: ${DEFAULT-VALUE})")
    int batch = 1000;

    @Option(names = "--seconds", description = "throughput: length of each measured round (default: ${DEFAULT-VALUE})")
    double seconds = 6;

    @Option(names = "--batches", description = "throughput: send exactly N batches per round instead of"
            + " running for --seconds (default: by time)")
    long batches;

    @Option(names = "--rounds", description = "throughput: measured rounds per server, alternating (default:"
            + " ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--warmup", description = "seconds of warm-up load per server before measuring: the first"
            + " two thirds from 2 connections, so that the JIT compiler gets a core of its own, the rest with the"
            + " measured connections (default: ${DEFAULT-VALUE})")
    double warmup = 20;

    @Option(names = "--latency-connections", description = "latency: connections (default: ${DEFAULT-VALUE})")
    int latencyConnections = 16;

    @Option(names = "--latency-batch", description = "latency: events per upload (default: ${DEFAULT-VALUE})")
    int latencyBatch = 100;

    @Option(names = "--latency-seconds", description = "latency: length of the fixed-rate run (default:"
            + " ${DEFAULT-VALUE})")
    double latencySeconds = 20;

    @Option(names = "--rate", description = "latency: events/s of the fixed-rate run (default: half the maximum"
            + " measured just before with the same connections and batches)")
    double rate;

    @Option(names = "--summary-scenarios", description = "summaries: scenarios (default: ${DEFAULT-VALUE})")
    int summaryScenarios = 1000;

    @Option(names = "--summary-events", split = ",", description = "summaries: stored events at each step,"
            + " ascending (default: 1000000,10000000)")
    long[] summaryEvents = {1_000_000, 10_000_000};

    @Option(names = "--summary-requests", description = "summaries: measured requests per step (default:"
            + " ${DEFAULT-VALUE})")
    int summaryRequests = 2000;

    @Option(names = "--scenario-per-connection", description = "each connection uploads to a scenario of its own"
            + " (sender-C), as many desktop apps at once; default: every body mixes 5 scenarios")
    boolean scenarioPerConnection;

    @Option(names = "--ours-only", description = "throughput: measure our server alone, without the naive one (to"
            + " profile ours with JFR; no ratio is printed)")
    boolean oursOnly;

    @Option(names = "--pg-pool", description = "stores, pg_summaries: database connections per PostgreSQL node"
            + " (default: ${DEFAULT-VALUE})")
    int pgPool = 8;

    @Option(names = "--no-jsonl-baseline", description = "pg_summaries: skip the JSONL node measured"
            + " after the PostgreSQL node at each step, on as many events in as many scenarios")
    boolean noJsonlBaseline;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;
}
