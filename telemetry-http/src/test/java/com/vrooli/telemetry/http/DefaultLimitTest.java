package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The document's 4 MB payload limit, with the server's defaults. */
class DefaultLimitTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory();

    @Test
    @DisplayName("a body one byte over 4 MiB is 413")
    void overFourMebibytes() {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/json",
                new byte[4 * 1024 * 1024 + 1]);

        assertEquals(413, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"request body is 4194305 bytes; the limit is 4194304 bytes\"}",
                a.body());
    }

    @Test
    @DisplayName("a body of exactly 4 MiB is read (past Undertow's own 2 MiB default)")
    void exactlyFourMebibytes() {
        String event = "{\"scenario\":\"big\",\"event\":\"app_start\",\"timestamp\":\"2025-01-15T12:00:00Z\"}";
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        byte[] e = event.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(e, 0, body, 0, e.length);

        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/json", body);

        assertEquals(200, a.status());
        assertEquals("{\"status\":\"accepted\",\"events_received\":1,\"events_stored\":1}", a.body());
    }
}
