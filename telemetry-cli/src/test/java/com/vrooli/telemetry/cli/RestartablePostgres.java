package com.vrooli.telemetry.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL 16 (zonky: binaries from a Maven artifact, no system install) on a data
 * directory that outlives it, so a test can stop the database under a running server and start
 * it again on the same port with the same data.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres pg;

    RestartablePostgres(Path dataDir) {
        this.dataDir = dataDir;
        start();
    }

    /** Starts the database (again). */
    void start() {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            if (port != 0) {
                b.setPort(port);
            }
            pg = b.start();
            port = pg.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the database, keeping its data. */
    void stop() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pg = null;
    }

    /** The URL of the {@code postgres} database, user {@code postgres} (trusted: any password passes). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    @Override
    public void close() {
        if (pg != null) {
            stop();
        }
    }
}
