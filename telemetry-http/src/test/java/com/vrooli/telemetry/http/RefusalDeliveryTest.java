package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refused upload still reaches the client as an answer, not a reset: a body of bounded declared
 * size is read and dropped before the refusal is sent and the connection closed, so a client that
 * writes its whole body before reading (as {@code java.net.http} does) sees the 401, 413 or 415.
 */
class RefusalDeliveryTest {

    private static final String TOKEN = "upload-token-0123456789";
    private static final int ROUNDS = 5;

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.tokens(ApiTokens.builder().upload(TOKEN).build()));

    @Test
    @DisplayName("3 MiB with no token: 401 every time, never a broken pipe")
    void unauthorizedLargeBody() {
        for (int i = 0; i < ROUNDS; i++) {
            ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                    ByteRateLimitTest.padded(3 * 1024 * 1024));
            assertEquals(401, a.status(), a.body());
        }
    }

    @Test
    @DisplayName("3 MiB of an unsupported type, and 4 MiB + 1 byte: 415 and 413 every time")
    void unsupportedAndTooLarge() {
        for (int i = 0; i < ROUNDS; i++) {
            ServerExtension.Answer type = server.post("/api/v1/telemetry/upload", "text/plain",
                    ByteRateLimitTest.padded(3 * 1024 * 1024), "Authorization", "Bearer " + TOKEN);
            ServerExtension.Answer size = server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                    new byte[4 * 1024 * 1024 + 1], "Authorization", "Bearer " + TOKEN);
            assertEquals(415, type.status(), type.body());
            assertEquals(413, size.status(), size.body());
            assertTrue(size.body().contains("request body is 4194305 bytes; the limit is 4194304 bytes"), size.body());
        }
    }
}
