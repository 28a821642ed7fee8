package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.StoreUnavailableException;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection pool and the two ways this store uses it: a read on an auto-commit connection,
 * and a write in one transaction, run again when PostgreSQL chose it as a deadlock victim.
 * Counts queries, failures and their time for the server's metrics. Thread-safe.
 */
final class PgDatabase implements AutoCloseable {

    /** Runs on a connection; may throw SQLException, which {@link PgDatabase} maps. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int ATTEMPTS = 3;

    private final HikariDataSource pool;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder queries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder queryNanos = new LongAdder();

    PgDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    HikariDataSource pool() {
        return pool;
    }

    /** Runs {@code work} on an auto-commit connection. */
    <T> T read(String operation, Work<T> work) {
        requireOpen();
        long start = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            failures.increment();
            throw SqlFailures.of(operation, e);
        } finally {
            count(start);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    <T> T transaction(String operation, Work<T> work) {
        requireOpen();
        long start = System.nanoTime();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return once(work);
                } catch (SQLException e) {
                    if (attempt >= ATTEMPTS || !SqlFailures.isRetryable(e)) {
                        failures.increment();
                        throw SqlFailures.of(operation, e);
                    }
                }
            }
        } finally {
            count(start);
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            // The connection is probably gone; the pool discards it. Keep the first failure.
            cause.addSuppressed(rollback);
        }
    }

    private void count(long start) {
        queries.increment();
        queryNanos.add(System.nanoTime() - start);
    }

    void requireOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("the store is closed");
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    long queries() {
        return queries.sum();
    }

    long failures() {
        return failures.sum();
    }

    long queryNanos() {
        return queryNanos.sum();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.close();
        }
    }
}
