package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.store.jsonl.ReadOnlySwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A telemetry directory that turns read-only under the running server: uploads answer 503 with
 * Retry-After and write nothing, reads keep answering, and uploads succeed again once the
 * directory is writable, without a restart.
 */
class ReadOnlyHttpTest {

    private static final String UPLOAD = "/api/v1/telemetry/upload";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = Jimfs.newFileSystem(Configuration.unix()).getPath("/telemetry");
    private final ReadOnlySwitch disk = new ReadOnlySwitch();

    @RegisterExtension
    final ServerExtension server = ServerExtension.over(() -> disk.openStore(dir));

    private static String events(String scenario, int from, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            b.append("{\"scenario\":\"").append(scenario).append("\",\"event\":\"crash\",\"event_id\":\"e-").append(i)
                    .append("\",\"timestamp\":\"2025-01-15T12:00:00Z\"}\n");
        }
        return b.toString();
    }

    @Test
    @DisplayName("read-only: 503 + Retry-After and nothing written, reads answer, writable again without restart")
    void readOnlyDirectory() throws IOException {
        assertEquals(200, server.post(UPLOAD, "application/x-ndjson", events("app", 0, 3)).status());
        long size = Files.size(dir.resolve("app.jsonl"));

        disk.readOnly(true);
        ServerExtension.Answer known = server.post(UPLOAD, "application/x-ndjson", events("app", 3, 3));
        ServerExtension.Answer fresh = server.post(UPLOAD, "application/x-ndjson", events("other", 0, 1));

        assertEquals(503, known.status(), known.body());
        assertEquals(ErrorMapper.RETRY_AFTER_SECONDS, known.header("Retry-After"));
        assertEquals(503, fresh.status(), fresh.body());
        assertEquals(size, Files.size(dir.resolve("app.jsonl")));
        assertEquals(200, server.get("/api/v1/telemetry").status());
        assertEquals(3, JSON.readTree(server.get("/api/v1/telemetry/app").body()).get("total_events").asInt());
        assertEquals(3, JSON.readTree(server.get("/api/v1/telemetry/app/events").body()).get("events").size());
        ServerExtension.Answer health = server.get("/health");
        assertEquals(503, health.status());
        assertTrue(health.body().contains("Read-only file system"), health.body());

        disk.readOnly(false);
        assertEquals(200, server.post(UPLOAD, "application/x-ndjson", events("app", 3, 3)).status());
        assertEquals(200, server.post(UPLOAD, "application/x-ndjson", events("other", 0, 1)).status());

        assertEquals(6, JSON.readTree(server.get("/api/v1/telemetry/app").body()).get("total_events").asInt());
        assertEquals(6, Files.readAllLines(dir.resolve("app.jsonl")).size());
        assertEquals(200, server.get("/health").status());
    }
}
