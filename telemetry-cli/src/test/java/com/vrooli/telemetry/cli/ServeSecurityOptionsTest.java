package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.http.DocumentExamplesHttpTest;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.http.TokenSources;
import com.vrooli.telemetry.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry serve}'s security flags and environment: tokens, --insecure, limits and timeouts. */
class ServeSecurityOptionsTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) ");
    private static final String UPLOADER = "up-0123456789abcdef";
    private static final String READER = "rd-0123456789abcdef";

    @RegisterExtension
    final LogCapture log = new LogCapture(ServeCommand.class);

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @DisplayName("tokens from --tokens-file and TELEMETRY_READ_TOKENS guard the server started by serve")
    void tokensFromFileAndEnvironment() throws Exception {
        Path tokens = home.resolve("tokens");
        Files.writeString(tokens, "upload " + UPLOADER + " picker-*\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        CliRunner cli = new CliRunner(home).env(TokenSources.READ_VARIABLE, READER);
        Thread serve = new Thread(() -> cli.run("serve", "--port", "0", "--dir", home.toString(), "--tokens-file",
                tokens.toString(), "--body-timeout", "5s", "--requests-per-second", "0"), "serve");
        serve.start();
        try {
            Await.until("the start line", () -> !log.messages().isEmpty());
            Matcher m = LISTENING.matcher(log.messages().get(0));
            assertTrue(m.find(), log.messages().get(0));
            URI base = URI.create(m.group(1));

            assertEquals(401, get(base, null).statusCode());
            assertEquals(200, get(base, READER).statusCode());
            assertEquals(403, get(base, UPLOADER).statusCode());
            HttpResponse<String> upload = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/telemetry/upload"))
                    .header("Authorization", "Bearer " + UPLOADER).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(DocumentExamples.NDJSON)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(DocumentExamples.ACCEPTED_ANSWER, upload.body());
        } finally {
            cli.shutdownHooks().forEach(Runnable::run);
            serve.join(Await.DEADLINE.toMillis());
        }
        assertTrue(cli.err().isEmpty(), cli.err());
    }

    @Test
    @DisplayName("a tokens file every user may read is exit 2, naming the file")
    void worldReadableTokensFile() throws Exception {
        Path tokens = home.resolve("tokens");
        Files.writeString(tokens, "read " + READER + "\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));

        CliRunner.Result r = new CliRunner(home).run("serve", "--port", "0", "--dir", home.toString(),
                "--tokens-file", tokens.toString());

        assertEquals(2, r.code());
        assertEquals("telemetry: tokens file " + tokens + " is readable by every user; make it private first (chmod 600 "
                + tokens + ")\n", r.err());
    }

    @Test
    @DisplayName("a malformed token in the environment is exit 2 naming the variable, never the token")
    void badEnvironmentToken() {
        CliRunner.Result r = new CliRunner(home).env(TokenSources.UPLOAD_VARIABLE, "tooshort:picker-*")
                .run("serve", "--port", "0", "--dir", home.toString());

        assertEquals(2, r.code());
        assertEquals("telemetry: TELEMETRY_UPLOAD_TOKENS, entry 1: a token must have at least 16 characters, got 8\n",
                r.err());
    }

    @Test
    @DisplayName("--bind 0.0.0.0 without tokens is exit 2; with --insecure the server starts")
    void insecure() throws Exception {
        CliRunner.Result refused = new CliRunner(home).run("serve", "--port", "0", "--dir", home.toString(),
                "--bind", "0.0.0.0");
        assertEquals(2, refused.code());
        assertTrue(refused.err().startsWith("telemetry: refusing to listen on 0.0.0.0 without API tokens"),
                refused.err());

        CliRunner cli = new CliRunner(home);
        int[] code = {-1};
        Thread serve = new Thread(() -> code[0] = cli.run("serve", "--port", "0", "--dir", home.toString(), "--bind",
                "0.0.0.0", "--insecure").code(), "serve");
        serve.start();
        Await.until("the start line", () -> !log.messages().isEmpty());
        cli.shutdownHooks().forEach(Runnable::run);
        serve.join(Await.DEADLINE.toMillis());
        assertTrue(log.messages().get(0).startsWith("telemetry server listening on http://"), log.messages().get(0));
        assertEquals(0, code[0]);
    }

    @Test
    @DisplayName("limits and timeouts are checked: a byte burst below the body limit, a malformed duration")
    void badLimits() {
        CliRunner.Result burst = new CliRunner(home).run("serve", "--port", "0", "--dir", home.toString(),
                "--byte-burst", "1MiB");
        assertEquals(2, burst.code());
        assertEquals("telemetry: the byte burst (1048576 bytes) must hold the largest body (4194304 bytes)\n",
                burst.err());

        CliRunner.Result duration = new CliRunner(home).run("serve", "--body-timeout", "soon");
        assertEquals(2, duration.code());
        assertTrue(duration.err().contains("'soon' is not a duration such as 500ms, 10s, 90m, 12h, 30d, 2w or P30D"), duration.err());
    }

    @Test
    @DisplayName("--allow-origin and --allow-host are checked: exit 2 for an origin with a path or a host with a port")
    void badBrowserFlags() {
        CliRunner.Result origin = new CliRunner(home).run("serve", "--port", "0", "--dir", home.toString(),
                "--allow-origin", "https://dash.example.com/app");
        assertEquals(2, origin.code());
        assertEquals("telemetry: an allowed origin must look like https://host or http://host:port, got"
                + " 'https://dash.example.com/app'\n", origin.err());

        CliRunner.Result host = new CliRunner(home).run("serve", "--port", "0", "--dir", home.toString(),
                "--allow-host", "example.com:8080");
        assertEquals(2, host.code());
        assertEquals("telemetry: an allowed host must be a host name or address without a port, got"
                + " 'example.com:8080'\n", host.err());
    }

    private HttpResponse<String> get(URI base, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/telemetry"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
