package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.http.FixedAnswerServer;
import com.vrooli.telemetry.http.Ports;
import com.vrooli.telemetry.http.QueryEndpointsTest;
import com.vrooli.telemetry.http.ServerExtension;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code telemetry summary} against a real server over the JSONL store: its table, its JSON, and its failures. */
class SummaryCommandTest {

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl();

    @TempDir
    Path home;

    @Test
    @DisplayName("the table lists scenario, events, last event and failures, most frequent first")
    void table() {
        upload();

        CliRunner.Result r = cli().run("summary", "--server", url());

        assertEquals(0, r.code());
        assertEquals("SCENARIO      EVENTS  LAST EVENT            FAILURES\n"
                + "picker-wheel       6  2025-01-15T12:00:05Z  dependency_unreachable=1, migration_failed=1\n"
                + "shared-auth        1  2025-01-15T11:00:00Z  -\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    @DisplayName("json prints the API's summaries answer")
    void json() {
        upload();

        CliRunner.Result r = cli().run("summary", "--server", url(), "--format", "json");

        assertEquals(0, r.code());
        assertEquals(server.get("/api/v1/telemetry").body() + "\n", r.out());
    }

    @Test
    @DisplayName("without --server it asks localhost on API_PORT")
    void apiPortEnvironment() {
        upload();

        CliRunner.Result r = cli().env("API_PORT", Integer.toString(server.server().port())).run("summary");

        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("SCENARIO"), r.out());
    }

    @Test
    @DisplayName("no scenarios yet is said in words")
    void empty() {
        CliRunner.Result r = cli().run("summary", "--server", url());

        assertEquals(0, r.code());
        assertEquals("no telemetry yet\n", r.out());
    }

    @Test
    @DisplayName("colour only on a terminal, and never with NO_COLOR")
    void colour() {
        upload();

        String onTerminal = cli().terminal(true).run("summary", "--server", url()).out();
        String noColor = cli().terminal(true).env("NO_COLOR", "1").run("summary", "--server", url()).out();

        assertTrue(onTerminal.contains("\u001b[31mdependency_unreachable=1, migration_failed=1\u001b[0m"), onTerminal);
        assertEquals(cli().run("summary", "--server", url()).out(), noColor);
    }

    @Test
    @DisplayName("an unreachable server is exit 3 with a message that says what to do")
    void unreachable() {
        int port = Ports.closed();

        CliRunner.Result r = cli().env("API_PORT", Integer.toString(port)).run("summary");

        assertEquals(3, r.code());
        assertEquals("", r.out());
        assertEquals("telemetry: cannot reach the telemetry server at http://localhost:" + port
                + " \u2014 is `telemetry serve` running?\n", r.err());
    }

    @Test
    @DisplayName("a malformed API_PORT is a usage error")
    void badApiPort() {
        CliRunner.Result r = cli().env("API_PORT", "eighty").run("summary");

        assertEquals(2, r.code());
        assertEquals("telemetry: API_PORT must be a port number from 0 to 65535, got 'eighty'\n", r.err());
    }

    @Test
    @DisplayName("--server and --dir together are a usage error")
    void twoSources() {
        CliRunner.Result r = cli().run("summary", "--server", url(), "--dir", home.toString());

        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("telemetry: --server=URL, --dir=DIR are mutually exclusive (specify only one)\n"
                + "Usage: telemetry summary"), r.err());
    }

    @Test
    @DisplayName("a server that is not a telemetry server is an error")
    void notTelemetryServer() {
        CliRunner.Result r = cli().run("summary", "--server", url() + "/elsewhere");

        assertEquals(1, r.code());
        assertEquals("telemetry: " + url() + "/elsewhere answered 404 for /api/v1/telemetry; is it a telemetry"
                + " server?\n", r.err());
    }

    @Test
    @DisplayName("it asks for gzip and inflates what comes back")
    void gzip() {
        byte[] json = ("{\"scenarios\":[" + QueryEndpointsTest.PICKER_WHEEL_SUMMARY + "],\"total_scenarios\":1}")
                .getBytes(StandardCharsets.UTF_8);
        try (FixedAnswerServer fake = new FixedAnswerServer(200,
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), ServerExtension.gzip(json))) {

            CliRunner.Result r = cli().run("summary", "--server", fake.url(), "--format", "json");

            assertEquals(0, r.code(), r.err());
            assertEquals(new String(json, StandardCharsets.UTF_8) + "\n", r.out());
            assertEquals(List.of("gzip"), fake.acceptEncodings());
        }
    }

    @Test
    @DisplayName("the real server's summaries come gzip'd and print as the plain answer")
    void gzipFromTheServer() {
        upload();
        ServerExtension.Answer gzip = server.send(HttpRequest.newBuilder(server.uri("/api/v1/telemetry"))
                .header("Accept-Encoding", "gzip"));
        assertEquals("gzip", gzip.header("Content-Encoding"));

        CliRunner.Result r = cli().run("summary", "--server", url(), "--format", "json");

        assertEquals(server.get("/api/v1/telemetry").body() + "\n", r.out());
    }

    @ParameterizedTest(name = "[{index}] Content-Encoding: {0}")
    @CsvSource(delimiter = '|', value = {
        "gzip|its gzip body is broken (Not in GZIP format)",
        "br|Content-Encoding 'br', which was not asked for",
    })
    @DisplayName("an answer that cannot be decoded is an error in words")
    void undecodable(String coding, String problem) {
        try (FixedAnswerServer fake = new FixedAnswerServer(200, Map.of("Content-Encoding", coding),
                "{\"scenarios\":[]}".getBytes(StandardCharsets.UTF_8))) {

            CliRunner.Result r = cli().run("summary", "--server", fake.url());

            assertEquals(1, r.code());
            assertEquals("", r.out());
            assertEquals("telemetry: unexpected answer from " + fake.url() + ": " + problem + "\n", r.err());
        }
    }

    @Test
    @DisplayName("a gzip bomb from a server stops at the inflated limit, in words")
    void gzipBomb() throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= ServerClient.MAX_INFLATED >> 20; i++) {
                gz.write(zeros);
            }
        }
        try (FixedAnswerServer fake = new FixedAnswerServer(200, Map.of("Content-Encoding", "gzip"),
                bomb.toByteArray())) {

            CliRunner.Result r = cli().run("summary", "--server", fake.url());

            assertEquals(1, r.code());
            assertEquals("telemetry: unexpected answer from " + fake.url() + ": its gzip body inflates to more than "
                    + ServerClient.MAX_INFLATED + " bytes\n", r.err());
        }
    }

    private void upload() {
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/x-ndjson", QueryEndpointsTest.EVENTS)
                .status());
    }

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private String url() {
        return server.server().uri().toString();
    }
}
