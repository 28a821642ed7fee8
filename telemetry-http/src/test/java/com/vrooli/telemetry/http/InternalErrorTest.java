package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.vrooli.telemetry.core.DocumentExamples;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bug behind the adapter becomes a generic 500, never a stack trace or a path. */
class InternalErrorTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.over(ExplodingStore::new);

    private final Logger mapperLog = Logger.getLogger(ErrorMapper.class.getName());
    private Level savedLevel;

    @BeforeEach
    void quietTheExpectedStackTrace() {
        savedLevel = mapperLog.getLevel();
        mapperLog.setLevel(Level.OFF);
    }

    @AfterEach
    void restoreLog() {
        mapperLog.setLevel(savedLevel);
    }

    @Test
    @DisplayName("an unexpected store failure is a generic 500 that names no server path")
    void internalError() {
        ServerExtension.Answer a = server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                DocumentExamples.NDJSON);

        assertEquals(500, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"internal server error\"}", a.body());
        assertFalse(a.body().contains("/srv"));
    }

    @Test
    @DisplayName("the server keeps answering after an internal error")
    void keepsServing() {
        server.post("/api/v1/telemetry/upload", "application/x-ndjson", DocumentExamples.NDJSON);

        assertEquals(200, server.get("/health").status());
    }
}
