package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.ServerMetrics;
import com.vrooli.telemetry.store.postgres.PostgresStoreStats;
import com.vrooli.telemetry.store.postgres.PostgresTelemetryStore;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the PostgreSQL store's pool and operation figures on {@code /metrics}, read from the
 * store at each scrape. Wired by the launcher, which knows which store it opened.
 */
final class PostgresMetrics {

    private PostgresMetrics() {
    }

    /** Adds the store's series when {@code store} is the PostgreSQL store; does nothing otherwise. */
    static void register(ServerMetrics metrics, TelemetryStore store) {
        if (!(store instanceof PostgresTelemetryStore pg)) {
            return;
        }
        gauge(metrics, pg, "telemetry_pg_pool_active_connections", "Database connections in use.",
                PostgresStoreStats::activeConnections);
        gauge(metrics, pg, "telemetry_pg_pool_idle_connections", "Database connections idle in the pool.",
                PostgresStoreStats::idleConnections);
        gauge(metrics, pg, "telemetry_pg_pool_total_connections", "Database connections open.",
                PostgresStoreStats::totalConnections);
        gauge(metrics, pg, "telemetry_pg_pool_pending_threads", "Threads waiting for a database connection.",
                PostgresStoreStats::waitingThreads);
        counter(metrics, pg, "telemetry_pg_operations_total", "Store operations run on the database (appends,"
                + " reads, maintenance).", PostgresStoreStats::queries);
        counter(metrics, pg, "telemetry_pg_operation_failures_total", "Store operations that failed.",
                PostgresStoreStats::failures);
        counter(metrics, pg, "telemetry_pg_operation_seconds_total", "Time spent in store operations.",
                PostgresStoreStats::querySeconds);
        counter(metrics, pg, "telemetry_pg_scenarios_refused_total", "New scenarios this node refused at the"
                + " scenario limit.", PostgresStoreStats::scenariosRefused);
        counter(metrics, pg, "telemetry_pg_pages_cut_total", "Event pages this node ended early at the page byte"
                + " budget.", PostgresStoreStats::pagesCutByBytes);
    }

    private static void gauge(ServerMetrics metrics, PostgresTelemetryStore store, String name, String help,
                              ToDoubleFunction<PostgresStoreStats> figure) {
        metrics.storeGauge(name, help, () -> figure.applyAsDouble(store.stats()));
    }

    private static void counter(ServerMetrics metrics, PostgresTelemetryStore store, String name, String help,
                                ToDoubleFunction<PostgresStoreStats> figure) {
        metrics.storeCounter(name, help, () -> figure.applyAsDouble(store.stats()));
    }
}
