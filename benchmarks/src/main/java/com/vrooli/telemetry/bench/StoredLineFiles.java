package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.core.Details;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes scenario files of a JSONL store directly, fast: realistic stored lines (the mix and
 * detail sizes of {@link RealisticBodies}, every event with a deployment id and an event id)
 * encoded with {@link EventLineCodec}, never through the store. Details come from a small pool
 * built once, so generating millions of lines costs little more than writing them. About a
 * quarter of the events are failures. Deterministic for a seed. Not thread-safe.
 */
public final class StoredLineFiles {

    private static final String STACK = "java.lang.IllegalStateException: database is locked\\n"
            + "\\tat com.example.db.Pool.acquire(Pool.java:118)\\n\\tat com.example.db.Migrator.run(Migrator.java:52)\\n"
            + "\\tat com.example.App.start(App.java:31)\\n\\tat com.example.Main.main(Main.java:12)";
    private static final int VARIANTS = 32;

    private final SplittableRandom random;
    private final Details[][] details = new Details[6][VARIANTS];
    private static final String[] TYPES = {"app_start", "ready", "service_started", "dependency_unreachable",
        "migration_failed", "crash"};
    private final String idPrefix;
    private long millis = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli();
    private long sequence;

    /** A generator whose event ids differ from those of every other seed. */
    public StoredLineFiles(long seed) {
        this.random = new SplittableRandom(seed);
        this.idPrefix = String.format("%08x-", seed);
        for (int v = 0; v < VARIANTS; v++) {
            details[0][v] = Details.parse("{\"version\":\"1." + v + ".0\",\"platform\":\"win-x64\",\"mode\":\"desktop\"}");
            details[1][v] = Details.parse("{\"startup_ms\":" + (500 + 277 * v) + ",\"services\":[\"api\",\"ui\",\"sqlite\"]}");
            details[2][v] = Details.parse("{\"service_id\":\"api\",\"pid\":" + (1000 + 1777 * v) + ",\"port\":"
                    + (40_000 + v) + "}");
            details[3][v] = Details.parse("{\"service_id\":\"api\",\"dependency\":\"sqlite\",\"reason\":"
                    + "\"connection timeout after " + (900 * v) + " ms\"}");
            details[4][v] = Details.parse("{\"version\":\"2025_01_0" + (v % 9) + "\",\"error\":\"database is locked\"}");
            details[5][v] = Details.parse("{\"error\":\"IllegalStateException\",\"stack\":\"" + STACK + "\"}");
        }
    }

    /** The next event of a scenario: kinds 30/30/15/10/8/7 percent, the last three failures. */
    public TelemetryEvent next(String scenario) {
        millis += 1 + random.nextInt(2_000);
        int roll = random.nextInt(100);
        int kind = roll < 30 ? 0 : roll < 60 ? 1 : roll < 75 ? 2 : roll < 85 ? 3 : roll < 93 ? 4 : 5;
        return new TelemetryEvent(Instant.ofEpochMilli(millis), scenario, "deploy-" + (100 + random.nextInt(50)),
                TYPES[kind], idPrefix + Long.toHexString(0x1000_0000_0000L + sequence++),
                details[kind][random.nextInt(VARIANTS)]);
    }

    /**
     * Appends {@code events} lines of {@code scenario} to {@code file} (created when missing).
     *
     * @return the bytes written
     */
    public long write(Path file, String scenario, long events) throws IOException {
        long bytes = 0;
        byte[] buf = new byte[1 << 20];
        int at = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (long i = 0; i < events; i++) {
                TelemetryEvent e = next(scenario);
                int length = EventLineCodec.encodedLength(e) + 1;
                if (at + length > buf.length) {
                    out.write(buf, 0, at);
                    bytes += at;
                    at = 0;
                }
                at = EventLineCodec.encodeTo(e, buf, at);
            }
            out.write(buf, 0, at);
            bytes += at;
        }
        return bytes;
    }
}
