package com.vrooli.telemetry.bench.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL 16 for the load driver (zonky: binaries from Maven), with its default
 * durability (fsync on, synchronous commit), and the CPU time of its processes, so that CPU per
 * event counts the database's work as well as this JVM's.
 */
final class EmbeddedDatabase implements AutoCloseable {

    /** Linux clock ticks per second of /proc/PID/stat (USER_HZ, 100 on every common kernel). */
    private static final double TICKS = 100.0;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedDatabase start(Path dataDir) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setServerConfig("max_connections", "100").start();
        return new EmbeddedDatabase(pg, dataDir);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** CPU seconds used so far by the postmaster and its children (backends, writer, WAL writer). */
    double cpuSeconds() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : procs) {
                    ticks += ticksIfChild(p, postmaster);
                }
            }
            return ticks / TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long ticksIfChild(Path proc, long postmaster) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long pid = Long.parseLong(proc.getFileName().toString());
            long ppid = Long.parseLong(f[1]);
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name
            return pid == postmaster || ppid == postmaster ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : 0;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
