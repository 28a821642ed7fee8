package com.vrooli.telemetry.store.postgres;

import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The pool's and the queries' figures at one moment.
 *
 * @param activeConnections  connections in use
 * @param idleConnections    connections waiting in the pool
 * @param totalConnections   both
 * @param waitingThreads     threads waiting for a connection
 * @param queries            store operations run (each append, read or maintenance step is one)
 * @param failures           operations that failed
 * @param querySeconds       time spent in operations, total
 * @param scenariosRefused   new scenarios refused by this node because the store held its limit
 * @param pagesCutByBytes    event pages this node ended early at the page byte budget
 */
public record PostgresStoreStats(int activeConnections, int idleConnections, int totalConnections,
                                 int waitingThreads, long queries, long failures, double querySeconds,
                                 long scenariosRefused, long pagesCutByBytes) {

    static PostgresStoreStats of(PgDatabase db, long scenariosRefused, long pagesCutByBytes) {
        HikariPoolMXBean pool = db.pool().getHikariPoolMXBean();
        int active = pool == null ? 0 : pool.getActiveConnections();
        int idle = pool == null ? 0 : pool.getIdleConnections();
        int total = pool == null ? 0 : pool.getTotalConnections();
        int waiting = pool == null ? 0 : pool.getThreadsAwaitingConnection();
        return new PostgresStoreStats(active, idle, total, waiting, db.queries(), db.failures(),
                db.queryNanos() / 1e9, scenariosRefused, pagesCutByBytes);
    }
}
