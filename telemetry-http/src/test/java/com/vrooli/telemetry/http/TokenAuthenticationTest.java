package com.vrooli.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server with API tokens: who may upload where, who may read, and what strangers get. */
class TokenAuthenticationTest {

    static final String PICKER_UPLOADER = "upload-picker-0123456789abcdef";
    static final String ANY_UPLOADER = "upload-anything-0123456789abcdef";
    static final String READER = "read-only-0123456789abcdef";
    static final String BOTH = "read+upload/0123456789abcdef==";

    private static final String PICKER = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";
    private static final String SHARED = "{\"scenario\":\"shared-auth\",\"event\":\"app_start\"}";
    private static final String NDJSON = "application/x-ndjson";
    private static final String UPLOAD = "/api/v1/telemetry/upload";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.tokens(ApiTokens.builder()
            .upload(PICKER_UPLOADER, "picker-*", "demo-?")
            .upload(ANY_UPLOADER)
            .read(READER)
            .upload(BOTH, "shared-auth").read(BOTH)
            .build()));

    @Test
    @DisplayName("without a token every endpoint but /health is 401 with WWW-Authenticate: Bearer")
    void noToken() {
        for (String path : new String[] {"/api/v1/telemetry", "/api/v1/telemetry/picker-wheel",
                "/api/v1/telemetry/picker-wheel/events", "/metrics", "/no/such/path"}) {
            ServerExtension.Answer a = server.get(path);
            assertEquals(401, a.status(), path);
            assertEquals("Bearer realm=\"telemetry\"", a.header("WWW-Authenticate"), path);
            assertEquals("{\"status\":\"error\",\"error\":\"an API token is required: send Authorization: Bearer"
                    + " <token>\"}", a.body(), path);
        }
        ServerExtension.Answer upload = server.post(UPLOAD, NDJSON, PICKER);
        assertEquals(401, upload.status());
        assertTrue(server.store().summaries().isEmpty(), "nothing stored");

        ServerExtension.Answer health = server.get("/health");
        assertEquals(200, health.status());
        assertEquals("{\"status\":\"ok\",\"store_writable\":true}", health.body());
    }

    @Test
    @DisplayName("a wrong token is 401 with error=\"invalid_token\" and is never echoed")
    void wrongToken() {
        String wrong = "not-a-configured-token-at-all";
        ServerExtension.Answer a = server.post(UPLOAD, NDJSON, PICKER.getBytes(UTF_8),
                "Authorization", "Bearer " + wrong);
        assertEquals(401, a.status());
        assertEquals("Bearer realm=\"telemetry\", error=\"invalid_token\"", a.header("WWW-Authenticate"));
        assertEquals("{\"status\":\"error\",\"error\":\"the API token is not valid\"}", a.body());

        for (String header : new String[] {"Basic " + READER, READER, "Bearer", "Bearer " + READER + "x",
                "Bearer " + READER.substring(1)}) {
            ServerExtension.Answer r = get("/api/v1/telemetry", header);
            assertEquals(401, r.status(), header);
            assertFalse(r.body().contains(READER.substring(1)), r.body());
        }
    }

    @Test
    @DisplayName("an upload token writes the scenarios its patterns match; the scheme is case-insensitive")
    void uploadWithinPatterns() {
        ServerExtension.Answer a = upload(PICKER_UPLOADER, PICKER + "\n"
                + "{\"scenario\":\"demo-1\",\"event\":\"ready\"}");
        assertEquals(200, a.status(), a.body());
        assertEquals("{\"status\":\"accepted\",\"events_received\":2,\"events_stored\":2}", a.body());

        ServerExtension.Answer lower = server.post(UPLOAD, NDJSON, SHARED.getBytes(UTF_8),
                "Authorization", "bearer " + ANY_UPLOADER);
        assertEquals(200, lower.status(), lower.body());
    }

    @Test
    @DisplayName("one event outside the token's scenarios makes the whole batch 403, and nothing is stored")
    void forbiddenScenarioRefusesTheWholeBatch() {
        ServerExtension.Answer a = upload(PICKER_UPLOADER, PICKER + "\n" + SHARED + "\n"
                + "{\"scenario\":\"demo-10\",\"event\":\"ready\"}");

        assertEquals(403, a.status());
        assertEquals("{\"status\":\"error\",\"error\":\"this token may not upload to scenarios 'demo-10',"
                + " 'shared-auth'; nothing was stored\"}", a.body());
        assertTrue(server.store().summaries().isEmpty(), "nothing stored");
    }

    @Test
    @DisplayName("?scenario= is checked where it is used: for events without a scenario of their own")
    void defaultScenarioIsChecked() {
        String noScenario = "{\"event\":\"app_start\"}";
        assertEquals(403, upload(PICKER_UPLOADER, noScenario, "?scenario=shared-auth").status());
        assertEquals(200, upload(PICKER_UPLOADER, noScenario, "?scenario=picker-wheel").status());
        // Every event names an allowed scenario: the query's default is never used, so it is not a reason to refuse.
        assertEquals(200, upload(PICKER_UPLOADER, PICKER, "?scenario=shared-auth").status());
        assertEquals(2, server.store().summary("picker-wheel").orElseThrow().totalEvents());
        assertTrue(server.store().summary("shared-auth").isEmpty());
    }

    @Test
    @DisplayName("invalid events are answered as usual; only the scenarios that would be written are checked")
    void invalidEventsKeepTheirAnswer() {
        ServerExtension.Answer a = upload(PICKER_UPLOADER, PICKER + "\n{\"scenario\":\"../etc\",\"event\":\"x\"}");
        assertEquals(200, a.status());
        assertTrue(a.body().startsWith("{\"status\":\"partial\""), a.body());
    }

    @Test
    @DisplayName("a read token reads and scrapes but may not upload; an upload-only token may not read")
    void readAndUploadRights() {
        assertEquals(200, upload(ANY_UPLOADER, PICKER).status());

        assertEquals(200, get("/api/v1/telemetry", "Bearer " + READER).status());
        assertEquals(200, get("/api/v1/telemetry/picker-wheel", "Bearer " + READER).status());
        assertEquals(200, get("/api/v1/telemetry/picker-wheel/events", "Bearer " + READER).status());
        assertEquals(200, get("/metrics", "Bearer " + READER).status());
        assertEquals(404, get("/no/such/path", "Bearer " + READER).status());

        ServerExtension.Answer readerUploads = upload(READER, PICKER);
        assertEquals(403, readerUploads.status());
        assertEquals("{\"status\":\"error\",\"error\":\"this token may not upload telemetry\"}", readerUploads.body());

        ServerExtension.Answer uploaderReads = get("/api/v1/telemetry", "Bearer " + ANY_UPLOADER);
        assertEquals(403, uploaderReads.status());
        assertEquals("{\"status\":\"error\",\"error\":\"this token may not read telemetry\"}", uploaderReads.body());
        assertEquals(403, get("/metrics", "Bearer " + PICKER_UPLOADER).status());
    }

    @Test
    @DisplayName("a token listed for reading and uploading does both; odd spellings of the upload path are still guarded")
    void bothRightsAndPathSpellings() {
        assertEquals(200, upload(BOTH, SHARED).status());
        assertEquals(200, get("/api/v1/telemetry/shared-auth", "Bearer " + BOTH).status());
        assertEquals(403, upload(BOTH, PICKER).status());

        ServerExtension.Answer oddPath = server.post("/api//v1/telemetry//upload/", NDJSON,
                PICKER.getBytes(UTF_8), "Authorization", "Bearer " + READER);
        assertEquals(403, oddPath.status(), oddPath.body());
        assertTrue(server.store().summary("picker-wheel").isEmpty());
    }

    @Test
    @DisplayName("/metrics counts refusals by reason and never shows a token")
    void refusalsAreCounted() {
        server.get("/api/v1/telemetry");
        get("/api/v1/telemetry", "Bearer wrong-token-0123456789abcdef");
        upload(READER, PICKER);
        upload(PICKER_UPLOADER, SHARED);

        List<String> expected = List.of("telemetry_requests_refused_total{reason=\"unauthorized\"} 2.0\n",
                "telemetry_requests_refused_total{reason=\"forbidden\"} 2.0\n",
                "telemetry_http_requests_total{route=\"upload\",status=\"403\"} 2.0\n",
                "telemetry_http_requests_total{route=\"summaries\",status=\"401\"} 2.0\n");
        // A request is counted once its answer is sent; a refusal that closed its connection may
        // still be counting when /metrics answers on another.
        Await.until("the refusals to be counted", () -> {
            String m = get("/metrics", "Bearer " + READER).body();
            return expected.stream().allMatch(m::contains);
        });
        String metrics = get("/metrics", "Bearer " + READER).body();
        for (String token : new String[] {PICKER_UPLOADER, ANY_UPLOADER, READER, BOTH, "wrong-token"}) {
            assertFalse(metrics.contains(token), token);
        }
    }

    @Test
    @DisplayName("no token reaches a log record, at any level, whatever the request")
    void tokensAreNeverLogged() {
        List<String> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<Logger> loggers = List.of(Logger.getLogger("com.vrooli.telemetry"), Logger.getLogger("io.undertow"));
        List<Level> saved = new ArrayList<>();
        for (Logger l : loggers) {
            saved.add(l.getLevel());
            l.setLevel(Level.ALL);
            l.addHandler(capture);
        }
        String wrong = "wrong-token-0123456789abcdef";
        try {
            get("/api/v1/telemetry", "Bearer " + wrong);
            get("/api/v1/telemetry", "Bearer " + PICKER_UPLOADER);
            upload(READER, PICKER);
            upload(PICKER_UPLOADER, SHARED);
            upload(PICKER_UPLOADER, "{not json");
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).removeHandler(capture);
                loggers.get(i).setLevel(saved.get(i));
            }
        }
        assertFalse(records.isEmpty(), "client errors are logged at FINE");
        for (String r : records) {
            for (String token : new String[] {PICKER_UPLOADER, ANY_UPLOADER, READER, BOTH, wrong}) {
                assertFalse(r.contains(token), r);
            }
        }
    }

    private ServerExtension.Answer upload(String token, String ndjson) {
        return upload(token, ndjson, "");
    }

    private ServerExtension.Answer upload(String token, String ndjson, String query) {
        return server.post(UPLOAD + query, NDJSON, ndjson.getBytes(UTF_8),
                "Authorization", "Bearer " + token);
    }

    private ServerExtension.Answer get(String path, String authorization) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", authorization).GET());
    }
}
