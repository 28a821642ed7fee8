package com.vrooli.telemetry.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry serve} in a child process: SIGHUP reloads the tokens file and never ends the
 * server; a bad file on SIGHUP keeps the old tokens. The file watch is off here
 * ({@code --tokens-check-interval 0}), so only the signal can have reloaded them.
 */
class SighupReloadTest {

    private static final String OLD = "old-upload-token-0123456789";
    private static final String NEW = "new-upload-token-0123456789";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @DisplayName("SIGHUP reloads the tokens file and the server keeps serving; a bad file keeps the old tokens")
    void sighup() throws Exception {
        Path tokens = dir.resolve("tokens");
        write(tokens, "upload " + OLD + "\n");
        try (ChildServer child = ChildServer.start(dir.resolve("data"), dir.resolve("server.log"), "128m",
                "--tokens-file", tokens.toString(), "--tokens-check-interval", "0")) {
            assertEquals(200, upload(child, OLD));

            write(tokens, "upload " + NEW + "\n");
            hangup(child);
            Await.until("the new token in force after SIGHUP", () -> upload(child, NEW) == 200, child::output);
            assertEquals(401, upload(child, OLD));

            write(tokens, "upload " + OLD + "\nnot a token line\n");
            hangup(child);
            Await.until("the refused reload in the log", () -> child.output().contains("not reloaded (SIGHUP)"));
            assertTrue(child.isAlive(), child.output());
            assertEquals(200, upload(child, NEW), "the last good tokens stay");
            assertEquals(401, upload(child, OLD));
            assertTrue(child.output().contains("API tokens reloaded (SIGHUP): 1 upload, 0 read"), child.output());
        }
    }

    @Test
    @DisplayName("started with SIGHUP ignored (nohup), the server says that SIGHUP cannot reload, and a SIGHUP does not end it")
    void hangupIgnored() throws Exception {
        Path tokens = dir.resolve("tokens");
        write(tokens, "upload " + OLD + "\n");
        try (ChildServer child = ChildServer.startWithHangupIgnored(dir.resolve("data"), dir.resolve("server.log"),
                "128m", "--tokens-file", tokens.toString(), "--tokens-check-interval", "0")) {
            assertTrue(child.output().contains("SIGHUP is ignored in this process"), child.output());
            hangup(child);
            assertEquals(200, upload(child, OLD));
            assertTrue(child.isAlive(), child.output());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void hangup(ChildServer child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(child.pid())).inheritIO().start();
        assertTrue(kill.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP");
    }

    private int upload(ChildServer child, String token) {
        HttpRequest request = HttpRequest.newBuilder(child.uri("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}"))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8)).statusCode();
        } catch (IOException e) {
            throw new AssertionError("the server is gone: " + e.getMessage() + "\n" + child.output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
