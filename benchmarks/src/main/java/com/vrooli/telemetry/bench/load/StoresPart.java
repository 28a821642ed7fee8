package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --mode stores}: the same closed-loop upload load through one JSONL node, one PostgreSQL
 * node, and two PostgreSQL nodes sharing one database (the connections split between them), one
 * setup after the other. CPU per event counts this JVM (client and servers) and, for PostgreSQL,
 * the database's processes too.
 */
final class StoresPart {

    /** One setup's median round and its CPU per event, in microseconds, split by process. */
    record Row(String setup, RunResult median, double jvmCpuMicros, double dbCpuMicros) {
        String line() {
            return String.format("%-14s %,10.0f events/s   upload p50 %6.2f ms  p99 %7.2f ms   cpu/event: JVM %.2f us"
                            + " + database %s = %s   (%s)%s", setup, median.eventsPerSecond(),
                    median.latencies().percentileMillis(0.5), median.latencies().percentileMillis(0.99), jvmCpuMicros,
                    Double.isNaN(dbCpuMicros) ? "-" : String.format("%.2f us", dbCpuMicros),
                    String.format("%.2f us", jvmCpuMicros + (Double.isNaN(dbCpuMicros) ? 0 : dbCpuMicros)),
                    median.cpu().describe(), median.errors() == 0 ? "" : "  " + median.errors() + " ERRORS: "
                            + median.firstError());
        }
    }

    private StoresPart() {
    }

    static List<Row> run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(jsonl(o, fsync));
        rows.add(postgres(o, 1));
        rows.add(postgres(o, 2));
        System.out.println();
        for (Row r : rows) {
            System.out.println("  " + r.line());
        }
        return rows;
    }

    private static Row jsonl(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-stores-jsonl-");
        try (StoreServer server = StoreServer.jsonl(dir, fsync, o.dedupWindow)) {
            System.out.println("  JSONL, one node (fsync " + fsync.name().toLowerCase(java.util.Locale.ROOT) + ")");
            List<ServerUnderTest> nodes = List.of(server);
            List<UploadWorkload> loads = List.of(new UploadWorkload(o.connections, o.batch, o.format, server.address()));
            return measure("jsonl x1", o, nodes, loads, null);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static Row postgres(LoadOptions o, int nodeCount) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-stores-pg-");
        List<ServerUnderTest> nodes = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"))) {
            System.out.println("  PostgreSQL 16, " + nodeCount + " node(s), pool " + o.pgPool + " each");
            List<UploadWorkload> loads = new ArrayList<>();
            int perNode = Math.max(1, o.connections / nodeCount);
            for (int n = 0; n < nodeCount; n++) {
                StoreServer node = StoreServer.postgres("pg-node" + (n + 1), db.jdbcUrl(), o.pgPool);
                nodes.add(node);
                loads.add(new UploadWorkload(perNode, n * perNode, o.batch, o.format, node.address()));
            }
            return measure("postgres x" + nodeCount, o, nodes, loads, db);
        } finally {
            for (ServerUnderTest n : nodes) {
                n.close();
            }
            TempDirs.delete(dir);
        }
    }

    /** Warms up, runs the rounds on every node at once, checks the stored count, returns the median. */
    private static Row measure(String setup, LoadOptions o, List<ServerUnderTest> nodes, List<UploadWorkload> loads,
                               EmbeddedDatabase db) throws Exception {
        List<RunResult> warmup = new ArrayList<>();
        warmup.add(Parallel.run(setup, nodes, loads, o.warmup, 0));
        ThroughputPart.report("  warm-up", warmup.get(0));
        List<Row> rounds = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (int r = 1; r <= o.rounds; r++) {
            double dbBefore = db == null ? Double.NaN : db.cpuSeconds();
            RunResult result = Parallel.run(setup, nodes, loads, o.seconds, o.batches);
            double dbCpu = db == null ? Double.NaN : (db.cpuSeconds() - dbBefore) * 1e6 / result.events();
            ThroughputPart.report("  round " + r, result);
            results.add(result);
            rounds.add(new Row(setup, result, result.cpuMicrosPerEvent(), dbCpu));
        }
        ThroughputPart.checkStored(nodes.get(0), warmup, results);
        rounds.sort(java.util.Comparator.comparingDouble(x -> x.median().eventsPerSecond()));
        return rounds.get(rounds.size() / 2);
    }
}
