package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browsers cannot be used against the server (issue #12 item 5): foreign origins and cross-site
 * fetches are refused, CORS only for allowed origins, no body without a Content-Type, and a
 * server without tokens answers loopback or allowed Host names only (DNS rebinding). Raw sockets,
 * since a browser's headers (Host, Origin, Sec-Fetch-Site) are what is tested.
 */
class BrowserGuardTest {

    private static final String EVENT = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.allowOrigin("https://Dash.Example.com:443")
            .allowHost("telemetry.internal"));

    private RawExchange.Reply send(String head, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String request = head + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n" + body;
        return RawExchange.send(server.server().address(), request.getBytes(StandardCharsets.UTF_8));
    }

    private String self() {
        return "127.0.0.1:" + server.server().port();
    }

    private RawExchange.Reply upload(String host, String extraHeaders) throws IOException {
        return send("POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + extraHeaders, EVENT);
    }

    private boolean stored() {
        return server.store().summary("picker-wheel").isPresent();
    }

    @ParameterizedTest(name = "Origin {0}")
    @ValueSource(strings = {"https://evil.example", "null", "http://127.0.0.1:1", "https://dash.example.com:8443",
            "http://dash.example.com", "file://", "https://dash.example.com/path"})
    @DisplayName("a page of another origin cannot upload: 403, nothing stored, no CORS header")
    void foreignOrigin(String origin) throws Exception {
        RawExchange.Reply r = upload(self(), "Origin: " + origin + "\r\n");

        assertEquals(403, r.status(), r.raw());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"error\":\"requests from the web page of another site"
                + " (Origin '"), r.body());
        assertNull(r.header("access-control-allow-origin"));
        assertTrue(!stored(), "nothing stored");
    }

    @Test
    @DisplayName("Sec-Fetch-Site: cross-site without an Origin (a navigation, an image) is refused")
    void crossSiteFetch() throws Exception {
        RawExchange.Reply r = send("GET /api/v1/telemetry HTTP/1.1\r\nHost: " + self() + "\r\nSec-Fetch-Site: cross-site\r\n",
                "");

        assertEquals(403, r.status());
        assertEquals("{\"status\":\"error\",\"error\":\"cross-site requests from web pages are refused\"}", r.body());
    }

    @Test
    @DisplayName("the server's own pages (Origin = Host) work, without CORS headers")
    void sameOrigin() throws Exception {
        RawExchange.Reply r = upload(self(), "Origin: http://" + self() + "\r\nSec-Fetch-Site: same-origin\r\n");

        assertEquals(200, r.status(), r.raw());
        assertNull(r.header("access-control-allow-origin"));
        assertTrue(stored());
    }

    @Test
    @DisplayName("an allowed origin gets CORS headers on its answers")
    void allowedOrigin() throws Exception {
        RawExchange.Reply r = upload(self(), "Origin: https://dash.example.com\r\nSec-Fetch-Site: cross-site\r\n");

        assertEquals(200, r.status(), r.raw());
        assertEquals("https://dash.example.com", r.header("access-control-allow-origin"));
        assertEquals("Origin", r.header("vary"));
        assertTrue(stored());
    }

    @Test
    @DisplayName("an allowed origin's preflight is answered 204 with the methods and headers; a foreign one is 403")
    void preflight() throws Exception {
        String head = "OPTIONS /api/v1/telemetry/upload HTTP/1.1\r\nHost: " + self()
                + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n";
        RawExchange.Reply allowed = send(head + "Origin: https://dash.example.com\r\n", "");
        RawExchange.Reply foreign = send(head + "Origin: https://evil.example\r\n", "");

        assertEquals(204, allowed.status(), allowed.raw());
        assertEquals("https://dash.example.com", allowed.header("access-control-allow-origin"));
        assertEquals("GET, HEAD, POST", allowed.header("access-control-allow-methods"));
        assertEquals("Authorization, Content-Type, Content-Encoding", allowed.header("access-control-allow-headers"));
        assertEquals(403, foreign.status());
        assertNull(foreign.header("access-control-allow-origin"));
    }

    @Test
    @DisplayName("without an allowed origin, OPTIONS is just a method the routes do not take")
    void noCorsWithoutOrigin() throws Exception {
        RawExchange.Reply r = send("OPTIONS /api/v1/telemetry/upload HTTP/1.1\r\nHost: " + self() + "\r\n", "");

        assertEquals(405, r.status());
        assertNull(r.header("access-control-allow-origin"));
    }

    @ParameterizedTest(name = "Host {0}")
    @ValueSource(strings = {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example",
            "10.0.0.1", "[::2]:80"})
    @DisplayName("without tokens, a Host that is not loopback nor allowed is refused, even same-origin (DNS rebinding)")
    void rebinding(String host) throws Exception {
        RawExchange.Reply read = send("GET /api/v1/telemetry HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host
                + "\r\n", "");
        RawExchange.Reply write = upload(host, "");

        assertEquals(403, read.status(), read.raw());
        assertTrue(read.body().contains("a server without API tokens answers loopback names only"), read.body());
        assertEquals(403, write.status());
        assertTrue(!stored());
    }

    @ParameterizedTest(name = "Host {0}")
    @ValueSource(strings = {"localhost", "LOCALHOST:8080", "app.localhost", "127.0.0.1", "127.1.2.3:9", "[::1]:8080",
            "telemetry.internal:8080", "TELEMETRY.internal"})
    @DisplayName("loopback names and addresses, and allowed hosts, are answered")
    void loopbackHosts(String host) throws Exception {
        RawExchange.Reply r = send("GET /health HTTP/1.1\r\nHost: " + host + "\r\n", "");

        assertEquals(200, r.status(), r.raw());
    }

    @Test
    @DisplayName("a POST without Content-Type (a cross-site form or beacon) is 415 and never read as JSON")
    void noContentType() throws Exception {
        RawExchange.Reply r = send("POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: " + self() + "\r\n", EVENT);

        assertEquals(415, r.status());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"error\":\"a Content-Type is required; send one of"
                + " application/json"), r.body());
        assertTrue(!stored());
    }

    @Test
    @DisplayName("with tokens, Host is not checked (the token is the guard), but Origin still is")
    void tokensServer() throws Exception {
        String token = "upload-token-0123456789";
        InMemoryTelemetryStore store = InMemoryTelemetryStore.create();
        try (TelemetryServer s = TelemetryServer.builder(store).port(0)
                .tokens(ApiTokens.builder().upload(token).build()).build().start()) {
            String head = "POST /api/v1/telemetry/upload HTTP/1.1\r\nHost: telemetry.example.com\r\nContent-Type:"
                    + " application/json\r\nAuthorization: Bearer " + token + "\r\nContent-Length: " + EVENT.length()
                    + "\r\n";
            RawExchange.Reply ok = RawExchange.send(s.address(), (head + "\r\n" + EVENT).getBytes(StandardCharsets.UTF_8));
            RawExchange.Reply foreign = RawExchange.send(s.address(), (head + "Origin: https://evil.example\r\n\r\n"
                    + EVENT).getBytes(StandardCharsets.UTF_8));

            assertEquals(200, ok.status(), ok.raw());
            assertEquals(403, foreign.status(), foreign.raw());
            assertEquals(1, store.summary("picker-wheel").orElseThrow().totalEvents());
        }
    }
}
