package com.vrooli.telemetry.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded PostgreSQL 16 (zonky: binaries from a Maven artifact, no system install) for each
 * test, registered with {@code @RegisterExtension}: started on a temporary data directory before the
 * test's own {@code @BeforeEach} methods, stopped and deleted after its {@code @AfterEach} ones. The
 * data directory outlives {@link #stop()}, so a test can stop the database under a running server
 * and start it again on the same port with the same data.
 */
final class RestartablePostgres implements BeforeEachCallback, AfterEachCallback {

    private Path dataDir;
    private int port;
    private EmbeddedPostgres pg;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("telemetry-pg-test-");
        port = 0;
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (pg != null) {
                stop();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
}
