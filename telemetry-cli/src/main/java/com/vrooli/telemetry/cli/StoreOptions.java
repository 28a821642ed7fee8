package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Which store a server opens, with that store's settings: one variant per store module. The
 * server itself only ever sees the opened {@link com.vrooli.telemetry.core.TelemetryStore}; a new
 * store adds a variant here and a branch in {@link StoreFactory}, and nothing in the HTTP code.
 */
sealed interface StoreOptions permits StoreOptions.Jsonl, StoreOptions.Postgres {

    /** Where events go, for the start line and error messages: never a password. */
    String describe();

    /**
     * The embedded JSONL store.
     *
     * @param dir           the telemetry directory (created when missing, locked against a second server)
     * @param fsync         {@code always}, {@code batch} or {@code never}
     * @param fsyncListener receives each fsync's duration in nanoseconds
     * @param retention     per-scenario size and age limits
     */
    record Jsonl(Path dir, String fsync, LongConsumer fsyncListener, RetentionPolicy retention)
            implements StoreOptions {
        public Jsonl {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(fsync, "fsync");
            Objects.requireNonNull(fsyncListener, "fsyncListener");
            Objects.requireNonNull(retention, "retention");
        }

        @Override
        public String describe() {
            return dir.toString();
        }
    }

    /**
     * The PostgreSQL store that several servers share.
     *
     * @param jdbcUrl   {@code jdbc:postgresql://HOST[:PORT]/DB}, possibly with user and password parameters
     * @param user      the user, or null for the URL's
     * @param password  the password, or null for the URL's; never printed
     * @param retention events older than this are dropped by whole days, or null to keep them
     */
    record Postgres(String jdbcUrl, String user, String password, Duration retention) implements StoreOptions {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }

        @Override
        public String describe() {
            return "PostgreSQL at " + JdbcUrls.withoutParameters(jdbcUrl);
        }

        /** Names the database without user parameters or password. */
        @Override
        public String toString() {
            return "Postgres[" + describe() + ", user=" + (user == null ? "(from the URL)" : user)
                    + ", password=" + (password == null ? "(none)" : "(set)") + ", retention=" + retention + "]";
        }
    }
}
