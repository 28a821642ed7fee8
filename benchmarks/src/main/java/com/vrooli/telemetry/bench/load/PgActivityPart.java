package com.vrooli.telemetry.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * {@code --mode pg_activity}: latency of the dashboard's two reads on a PostgreSQL node,
 * {@code GET /api/v1/telemetry/{scenario}/timeline?bucket=1h} and {@code .../deployments}, with
 * the database filled by SQL at schema version 4 (as {@code pg_summaries} fills it); the store
 * then opens it and applies whatever later migrations it has, whose time is printed. Requests run
 * back to back on one connection, for at most {@code --summary-requests} requests or 20 s each.
 */
final class PgActivityPart {

    private static final int WARMUP = 5;
    private static final long MAX_NANOS = 20_000_000_000L;

    private PgActivityPart() {
    }

    static List<String> run(LoadOptions o) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-pg-activity-");
        List<String> lines = new ArrayList<>();
        long events = o.summaryEvents[0];
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"))) {
            Flyway.configure().dataSource(db.jdbcUrl(), null, null).locations("classpath:db/telemetry")
                    .table("telemetry_schema_history").target("4").load().migrate();
            long t0 = System.nanoTime();
            PgSummariesPart.fill(db.jdbcUrl(), 0, events, o.summaryScenarios);
            System.out.printf("  filled to %,d events in %,d scenarios in %.1f s%n", events, o.summaryScenarios,
                    (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (StoreServer node = StoreServer.postgres("pg", db.jdbcUrl(), o.pgPool)) {
                System.out.printf("  the store opened (later migrations included) in %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
                for (String path : List.of("timeline?bucket=1h", "timeline?bucket=1m", "deployments")) {
                    String line = measure(node.address(), "/api/v1/telemetry/scenario-0/" + path, o.summaryRequests);
                    System.out.println("  " + line);
                    lines.add(line);
                }
            }
        } finally {
            TempDirs.delete(dir);
        }
        return lines;
    }

    private static String measure(InetSocketAddress server, String path, int maxRequests) throws IOException {
        byte[] get = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        LatencySamples samples = new LatencySamples();
        try (RawHttpClient client = new RawHttpClient(server)) {
            for (int i = 0; i < WARMUP; i++) {
                check(client.send(get, get.length), client);
            }
            long start = System.nanoTime();
            while (samples.size() < maxRequests && System.nanoTime() - start < MAX_NANOS) {
                long t0 = System.nanoTime();
                check(client.send(get, get.length), client);
                samples.add(System.nanoTime() - t0);
            }
            LatencySamples sorted = LatencySamples.merge(List.of(samples));
            return String.format("%s: %,d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms, answer %,d bytes", path,
                    sorted.size(), sorted.percentileMillis(0.50), sorted.percentileMillis(0.99),
                    sorted.maxMillis(), client.lastBodyLength());
        }
    }

    private static void check(int status, RawHttpClient client) throws IOException {
        if (status != 200) {
            throw new IOException("unexpected answer " + status + ": " + client.lastBody());
        }
    }
}
