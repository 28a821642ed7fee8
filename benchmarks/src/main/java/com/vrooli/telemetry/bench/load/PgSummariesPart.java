package com.vrooli.telemetry.bench.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --mode pg-summaries}: {@code GET /api/v1/telemetry} latency of a PostgreSQL node over
 * many scenarios at growing numbers of stored events. The database is filled by SQL on the
 * server side (events, then the aggregate tables computed from them, as the store would have
 * kept them), since uploading ten million events first would measure ingest, not summaries.
 */
final class PgSummariesPart {

    private static final int WARMUP = 1500;

    private PgSummariesPart() {
    }

    static List<String> run(LoadOptions o) throws Exception {
        Path dir = TempDirs.create(o.baseDir, "load-pg-summaries-");
        List<String> lines = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"))) {
            StoreServer.postgres("pg", db.jdbcUrl(), o.pgPool).close(); // creates the schema
            long filled = 0;
            for (long events : o.summaryEvents) {
                long t0 = System.nanoTime();
                fill(db.jdbcUrl(), filled, events, o.summaryScenarios);
                filled = events;
                System.out.printf("  filled to %,d events in %,d scenarios in %.1f s%n", events, o.summaryScenarios,
                        (System.nanoTime() - t0) / 1e9);
                try (StoreServer node = StoreServer.postgres("pg", db.jdbcUrl(), o.pgPool)) {
                    for (boolean gzip : new boolean[] {false, true}) {
                        SummaryLatency.Result r = SummaryLatency.run(node.address(), WARMUP, o.summaryRequests,
                                o.summaryScenarios, gzip);
                        String line = SummariesPart.describe(events, gzip ? "gzip" : "plain", r, 0);
                        System.out.println("  " + line);
                        lines.add(line);
                    }
                }
            }
        } finally {
            TempDirs.delete(dir);
        }
        return lines;
    }

    /** Adds events {@code from + 1 .. to} and recomputes the aggregate tables from all events. */
    static void fill(String url, long from, long to, int scenarios) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO telemetry_events (ts, ts_nanos, scenario, deployment_id, event, level, details,"
                    + " details_text) SELECT now() - (g % 86400) * interval '1 second', 0, 'scenario-' || (g % "
                    + scenarios + "), 'deploy-' || (g % 50), CASE WHEN g % 10 = 0 THEN 'crash' WHEN g % 10 = 1"
                    + " THEN 'dependency_unreachable' ELSE 'ready' END, CASE WHEN g % 10 < 2 THEN 2 ELSE 0 END,"
                    + " jsonb_build_object('n', g), '{\"n\":' || g || '}' FROM generate_series(" + (from + 1) + ", "
                    + to + ") g");
            st.execute("TRUNCATE telemetry_scenarios, telemetry_failure_counts, telemetry_recent_failures");
            st.execute("INSERT INTO telemetry_scenarios SELECT scenario, count(*), max(ts), 0 FROM telemetry_events"
                    + " GROUP BY scenario");
            st.execute("INSERT INTO telemetry_failure_counts SELECT scenario, event, count(*) FROM telemetry_events"
                    + " WHERE level = 2 GROUP BY scenario, event");
            st.execute("INSERT INTO telemetry_recent_failures SELECT scenario, ts, ts_nanos, event, deployment_id,"
                    + " event_id, details_text FROM (SELECT e.*, row_number() OVER (PARTITION BY scenario ORDER BY"
                    + " ts DESC, event) AS n FROM telemetry_events e WHERE level = 2) r WHERE n <= 10");
            st.execute("ANALYZE");
        }
    }
}
