package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bearer token goes with every upload and nowhere else. */
@Timeout(60)
class AuthTokenTest {

    private static final String TOKEN = "tk_s3cr3t-V4lue";

    @TempDir
    Path dir;

    private final Logger logger = RateLimitedLogger.LOGGER;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    @Test
    void theTokenIsSentAsABearerAuthorization() {
        try (StoringServer server = TestServers.storing();
             TelemetryClient client = TestClients.fast(dir.resolve("s.jsonl"), server.uploadUri())
                     .authToken(TOKEN).build()) {
            client.record("hello");
            assertTrue(client.flush(Duration.ofSeconds(30)));

            assertEquals(List.of("Bearer " + TOKEN), server.authorizations());
        }
    }

    @Test
    void theTokenNeverAppearsInWarningsOrDescriptions() {
        try (FakeServer server = TestServers.fake(exchange -> FakeServer.answer(exchange, 401,
                "{\"status\":\"error\",\"error\":\"invalid token\"}"));
             TelemetryClient client = TestClients.fast(dir.resolve("s.jsonl"), server.uploadUri())
                     .authToken(TOKEN).build()) {
            client.record("hello");
            client.record("bad name");
            Await.until("the 401 was retried", () -> client.stats().failedUploads() >= 2);

            assertEquals(1, client.stats().rejected(), "the bad name; the 401 keeps its event");
            assertFalse(logged.isEmpty());
            assertTrue(logged.stream().anyMatch(l -> l.contains("HTTP 401")), logged.toString());
            logged.forEach(line -> assertFalse(line.contains(TOKEN), line));
            assertFalse(client.toString().contains(TOKEN), client.toString());
        }
    }
}
