package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.ApiTokens;
import com.vrooli.telemetry.http.ServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary} and {@code logs --server} against a real server with API tokens: the token from
 * {@code --token}, {@code --token-file} or {@code TELEMETRY_TOKEN} (in that order), plain words for
 * 401 and 403, and the token never printed.
 */
class CliTokensTest {

    private static final String READER = "cli-read-0123456789abcdef";
    private static final String UPLOADER = "cli-upload-0123456789abcdef";
    private static final String WRONG = "cli-wrong-0123456789abcdef";

    @RegisterExtension
    final ServerExtension server = ServerExtension.inMemory(b -> b.tokens(ApiTokens.builder()
            .upload(UPLOADER).read(READER).build()));

    @TempDir
    Path home;

    @BeforeEach
    void store() {
        server.store().append(List.of(TelemetryEvent.of(Instant.parse("2025-01-15T12:00:00Z"), "picker-wheel", "crash")));
    }

    @Test
    @DisplayName("--token, --token-file and TELEMETRY_TOKEN each let summary and logs read")
    void eachSourceOfTheToken() throws IOException {
        Path tokenFile = home.resolve("read-token");
        Files.writeString(tokenFile, "  " + READER + "\n");

        assertReads(cli().run("summary", "--server", url(), "--token", READER));
        assertReads(cli().run("logs", "picker-wheel", "--server", url(), "--token-file", tokenFile.toString()));
        assertReads(cli().env("TELEMETRY_TOKEN", READER).run("summary", "--server", url()));
        assertReads(cli().env("TELEMETRY_TOKEN", READER).run("logs", "picker-wheel", "--server", url()));
    }

    @Test
    @DisplayName("a flag wins over TELEMETRY_TOKEN")
    void precedence() throws IOException {
        Path tokenFile = home.resolve("read-token");
        Files.writeString(tokenFile, READER);

        assertReads(cli().env("TELEMETRY_TOKEN", WRONG).run("summary", "--server", url(), "--token", READER));
        assertReads(cli().env("TELEMETRY_TOKEN", WRONG).run("summary", "--server", url(), "--token-file",
                tokenFile.toString()));
    }

    @Test
    @DisplayName("without a token, a 401 says how to give one: exit 1, one line, no stack trace")
    void noToken() {
        CliRunner.Result r = cli().run("summary", "--server", url());

        assertEquals(1, r.code());
        assertEquals("telemetry: the telemetry server at " + url() + " needs a read token: give it with"
                + " --token-file FILE, the TELEMETRY_TOKEN environment variable or --token TOKEN\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    @DisplayName("a wrong token is refused in plain words that do not repeat it")
    void wrongToken() {
        CliRunner.Result r = cli().env("TELEMETRY_TOKEN", WRONG).run("logs", "picker-wheel", "--server", url());

        assertEquals(1, r.code());
        assertEquals("telemetry: the telemetry server at " + url() + " refused the token from TELEMETRY_TOKEN: it is"
                + " not one of the server's tokens\n", r.err());
        assertFalse((r.out() + r.err()).contains(WRONG));
    }

    @Test
    @DisplayName("an upload token gets a 403 that says it lacks read scope")
    void uploadToken() {
        CliRunner.Result r = cli().run("summary", "--server", url(), "--token", UPLOADER);

        assertEquals(1, r.code());
        assertEquals("telemetry: the token from --token may not read from the telemetry server at " + url()
                + ": it lacks read scope (an upload token?); give a read token\n", r.err());
        assertFalse((r.out() + r.err()).contains(UPLOADER));
    }

    @Test
    @DisplayName("mistakes: both flags, a token with --dir or --file, a malformed or empty token")
    void mistakes() throws IOException {
        Path empty = home.resolve("empty-token");
        Files.writeString(empty, " \n");
        Path file = home.resolve("f.jsonl");
        Files.writeString(file, "");

        CliRunner.Result both = cli().run("summary", "--server", url(), "--token", READER, "--token-file",
                empty.toString());
        assertEquals(2, both.code());
        assertEquals("telemetry: give the token by --token or by --token-file, not both\n", both.err());

        CliRunner.Result dir = cli().run("summary", "--dir", home.toString(), "--token", READER);
        assertEquals(2, dir.code());
        assertEquals("telemetry: --token and --token-file are for --server; --dir reads without one\n", dir.err());

        CliRunner.Result local = cli().run("logs", "--file", file.toString(), "--token", READER);
        assertEquals(2, local.code());

        String injection = "abcdefghijklmnop\r\nX-Evil: 1";
        CliRunner.Result malformed = cli().env("TELEMETRY_TOKEN", injection).run("summary", "--server", url());
        assertEquals(2, malformed.code());
        assertEquals("telemetry: the token from TELEMETRY_TOKEN is not a token: it may hold only A-Z a-z 0-9 - . _ ~ +"
                + " / and trailing =\n", malformed.err());

        CliRunner.Result emptyFile = cli().run("summary", "--server", url(), "--token-file", empty.toString());
        assertEquals(1, emptyFile.code());
        assertEquals("telemetry: the token file " + empty + " is empty\n", emptyFile.err());
    }

    private void assertReads(CliRunner.Result r) {
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("picker-wheel") || r.out().contains("crash"), r.out());
        assertFalse((r.out() + r.err()).contains(READER));
    }

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private String url() {
        return server.server().uri().toString();
    }
}
