package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.bench.RealisticBodies;
import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.EventCatalogue;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --mode pg_summaries}: {@code GET /api/v1/telemetry} latency of a PostgreSQL node over
 * many scenarios at growing numbers of stored events, and, unless {@code --no-jsonl-baseline}, of a
 * JSONL node holding as many events in as many scenarios, measured in the same run right after
 * it (plain, then gzip'd answers; each server warmed up on its own). The database is filled by
 * SQL on the server side (events, then the aggregate tables computed from them, as the store
 * would have kept them), since uploading ten million events first would measure ingest, not
 * summaries; the recent failures then get the details and event ids of the realistic mix the
 * JSONL directory is filled with (stored lines, as in part (c)), so that both answers carry
 * failures of the same sizes.
 */
final class PgSummariesPart {

    private static final int WARMUP = 1500;

    private PgSummariesPart() {
    }

    static List<String> run(LoadOptions o, FsyncPolicy fsync) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-pg-summaries-");
        List<String> lines = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"))) {
            StoreServer.postgres("pg", db.jdbcUrl(), o.pgPool).close(); // creates the schema
            Path jsonl = Files.createDirectories(dir.resolve("jsonl"));
            StoredEventsWriter writer = new StoredEventsWriter(jsonl, o.summaryScenarios);
            long filled = 0;
            for (long events : o.summaryEvents) {
                long t0 = System.nanoTime();
                fill(db.jdbcUrl(), filled, events, o.summaryScenarios);
                filled = events;
                System.out.printf("  filled PostgreSQL to %,d events in %,d scenarios in %.1f s%n", events,
                        o.summaryScenarios, (System.nanoTime() - t0) / 1e9);
                try (StoreServer node = StoreServer.postgres("pg", db.jdbcUrl(), o.pgPool)) {
                    measure("PostgreSQL", node.address(), events, 0, o, lines);
                }
                if (!o.noJsonlBaseline) {
                    long t1 = System.nanoTime();
                    writer.fillTo(events);
                    System.out.printf("  wrote JSONL to %,d events (%,.0f MB of files) in %.1f s%n", events,
                            TempDirs.size(jsonl) / 1e6, (System.nanoTime() - t1) / 1e9);
                    long t2 = System.nanoTime();
                    try (StoreServer node = StoreServer.jsonl(jsonl, fsync, o.dedupWindow)) {
                        measure("JSONL", node.address(), events, (System.nanoTime() - t2) / 1e9, o, lines);
                    }
                }
            }
        } finally {
            TempDirs.delete(dir);
        }
        return lines;
    }

    private static void measure(String store, InetSocketAddress address, long events, double openSeconds,
                                LoadOptions o, List<String> lines) throws Exception {
        System.out.printf("  load average before %s: %s%n", store, LoadDriver.loadAverage());
        for (boolean gzip : new boolean[] {false, true}) {
            SummaryLatency.Result r = SummaryLatency.run(address, WARMUP, o.summaryRequests, o.summaryScenarios, gzip);
            String line = String.format("%-10s %s", store,
                    SummariesPart.describe(events, gzip ? "gzip" : "plain", r, openSeconds));
            System.out.println("  " + line);
            lines.add(line);
        }
    }

    /** The details of the failure events in the realistic mix, as often as they occur there. */
    private static String[] realisticFailureDetails() {
        return EventDecoder.create(DecodeLimits.defaults().withMaxFutureSkew(DecodeLimits.NO_FUTURE_LIMIT))
                .decode(new RealisticBodies(7).jsonArray(1000), BodyFormat.JSON, null, Instant.EPOCH).events().stream()
                .filter(e -> EventCatalogue.isFailure(e.event()) && e.details() != null)
                .map(e -> e.details().json()).toArray(String[]::new);
    }

    /**
     * Adds events {@code from + 1 .. to} (event {@code g} goes to scenario {@code g % scenarios};
     * its type, level and deployment follow {@code g / scenarios}, so every scenario gets the same
     * mix: 20% failures of two types, 50 deployments) and recomputes the aggregate tables from all
     * events.
     */
    static void fill(String url, long from, long to, int scenarios) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO telemetry_events (ts, ts_nanos, scenario, deployment_id, event, level, details,"
                    + " details_text) SELECT now() - (g % 86400) * interval '1 second', 0, 'scenario-' || (g % "
                    + scenarios + "), 'deploy-' || (k % 50), CASE WHEN k % 10 = 0 THEN 'crash' WHEN k % 10 = 1"
                    + " THEN 'dependency_unreachable' ELSE 'ready' END, CASE WHEN k % 10 < 2 THEN 2 ELSE 0 END,"
                    + " jsonb_build_object('n', g), '{\"n\":' || g || '}' FROM generate_series(" + (from + 1) + ", "
                    + to + ") g, LATERAL (SELECT g / " + scenarios + " AS k) per_scenario");
            st.execute("TRUNCATE telemetry_scenarios, telemetry_failure_counts, telemetry_recent_failures");
            st.execute("INSERT INTO telemetry_scenarios SELECT scenario, count(*), max(ts), 0 FROM telemetry_events"
                    + " GROUP BY scenario");
            st.execute("INSERT INTO telemetry_failure_counts SELECT scenario, event, count(*) FROM telemetry_events"
                    + " WHERE level = 2 GROUP BY scenario, event");
            st.execute("INSERT INTO telemetry_recent_failures SELECT scenario, ts, ts_nanos, event, deployment_id,"
                    + " event_id, details_text FROM (SELECT e.*, row_number() OVER (PARTITION BY scenario ORDER BY"
                    + " ts DESC, event) AS n FROM telemetry_events e WHERE level = 2) r WHERE n <= 10");
            try (PreparedStatement ps = c.prepareStatement("UPDATE telemetry_recent_failures SET event_id ="
                    + " substr(md5(scenario || ts::text), 1, 17), details_text = (?::text[])[1 + abs(hashtext("
                    + "scenario || ts::text)) % ?]")) {
                String[] details = realisticFailureDetails();
                ps.setArray(1, c.createArrayOf("text", details));
                ps.setInt(2, details.length);
                ps.executeUpdate();
            }
            st.execute("ANALYZE");
        }
    }
}
