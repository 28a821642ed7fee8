package com.vrooli.telemetry.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Upload bodies that look like real traffic: the API document's example events and the standard
 * catalogue's failure events, with details of varied sizes (a few bytes to a stack trace), spread
 * over a handful of scenarios and deployments. Deterministic for a given seed.
 */
public final class RealisticBodies {

    private static final String[] SCENARIOS = {"picker-wheel", "shared-auth", "photo-vault", "ledger", "notes-sync"};
    private static final String STACK = "java.lang.IllegalStateException: database is locked\\n"
            + "\\tat com.example.db.Pool.acquire(Pool.java:118)\\n\\tat com.example.db.Migrator.run(Migrator.java:52)\\n"
            + "\\tat com.example.App.start(App.java:31)\\n\\tat com.example.Main.main(Main.java:12)";

    private final SplittableRandom random;
    private long millis = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli();
    private long sequence;

    public RealisticBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A JSON array of {@code count} events. */
    public byte[] jsonArray(int count) {
        StringBuilder sb = new StringBuilder(count * 220);
        sb.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendEvent(sb);
        }
        sb.append(']');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} events as NDJSON. */
    public byte[] ndjson(int count) {
        StringBuilder sb = new StringBuilder(count * 220);
        for (int i = 0; i < count; i++) {
            appendEvent(sb);
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendEvent(StringBuilder sb) {
        millis += 1 + random.nextInt(2_000);
        String scenario = SCENARIOS[random.nextInt(SCENARIOS.length)];
        String ts = Instant.ofEpochMilli(millis).toString();
        sb.append("{\"scenario\":\"").append(scenario)
                .append("\",\"deployment_id\":\"deploy-").append(100 + random.nextInt(50))
                .append("\",\"event\":\"");
        int kind = random.nextInt(100);
        if (kind < 30) {
            sb.append("app_start\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"version\":\"1.").append(random.nextInt(9))
                    .append(".0\",\"platform\":\"win-x64\",\"mode\":\"desktop\"}");
        } else if (kind < 60) {
            sb.append("ready\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"startup_ms\":").append(500 + random.nextInt(9_000))
                    .append(",\"services\":[\"api\",\"ui\",\"sqlite\"]}");
        } else if (kind < 75) {
            sb.append("service_started\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"service_id\":\"api\",\"pid\":").append(1_000 + random.nextInt(60_000))
                    .append(",\"port\":").append(40_000 + random.nextInt(1_000)).append('}');
        } else if (kind < 85) {
            sb.append("dependency_unreachable\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"service_id\":\"api\",\"dependency\":\"sqlite\",")
                    .append("\"reason\":\"connection timeout after ").append(random.nextInt(30_000)).append(" ms\"}");
        } else if (kind < 93) {
            sb.append("migration_failed\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"version\":\"2025_01_0").append(random.nextInt(9))
                    .append("\",\"error\":\"database is locked\"}");
        } else {
            sb.append("crash\",\"timestamp\":\"").append(ts)
                    .append("\",\"details\":{\"error\":\"IllegalStateException\",\"stack\":\"").append(STACK)
                    .append("\"}");
        }
        sb.append(",\"event_id\":\"0190b5a4-").append(Long.toHexString(0x1000_0000_0000L + sequence++))
                .append("\"}");
    }
}
