package com.vrooli.telemetry.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.http.ApiTokens;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.http.TelemetryServer;
import com.vrooli.telemetry.http.TokenSources;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens reload without a restart (issue #12 item 7), in-process: a changed tokens file is put in
 * force by itself, a bad one keeps the old tokens, and the log says why without a token.
 */
class TokenReloadTest {

    private static final String OLD = "old-upload-token-0123456789";
    private static final String NEW = "new-upload-token-0123456789";
    private static final String EVENT = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture log = new LogCapture(TokenReloader.class);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Path tokensFile(String content) throws IOException {
        Path file = dir.resolve("tokens");
        Path next = dir.resolve("tokens.next");
        Files.writeString(next, content, UTF_8);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        // Replaced as editors and config tools do: a rename, so the watcher never reads half a file.
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static ApiTokens load(Path file) {
        ApiTokens.Builder b = ApiTokens.builder();
        TokenSources.readFile(file, b, warning -> { });
        return b.build();
    }

    private int upload(TelemetryServer server, String token) {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8)).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("a changed tokens file is in force within the check interval; a bad one keeps the old tokens")
    void fileChange() throws Exception {
        Path file = tokensFile("upload " + OLD + "\n");
        try (TelemetryServer server = TelemetryServer.builder(InMemoryTelemetryStore.create()).port(0)
                .tokens(load(file)).build().start();
             TokenReloader reloader = new TokenReloader(file, () -> load(file), server::replaceTokens)
                     .watchEvery(Duration.ofMillis(20))) {
            assertEquals(200, upload(server, OLD));

            tokensFile("upload " + NEW + "\n");
            Await.until("the new token in force", () -> upload(server, NEW) == 200);
            assertEquals(401, upload(server, OLD), "the old token is gone");

            tokensFile("upload " + OLD + "\nread\n");
            assertFalse(reloader.reload("test"), "a malformed file is refused");
            tokensFile("# no tokens left\n");
            assertFalse(reloader.reload("test"), "a file without tokens is refused on a server that has tokens");
            assertEquals(200, upload(server, NEW), "the last good tokens stay");
            assertEquals(401, upload(server, OLD));
        }
    }

    @Test
    @DisplayName("the reload's log names the cause and counts, never a token")
    void logsNoToken() throws Exception {
        Path file = tokensFile("upload " + OLD + "\n");
        try (TelemetryServer server = TelemetryServer.builder(InMemoryTelemetryStore.create()).port(0)
                .tokens(load(file)).build()) {
            TokenReloader reloader = new TokenReloader(file, () -> load(file), server::replaceTokens);
            tokensFile("upload " + NEW + "\nupload short\n");
            assertFalse(reloader.reload("SIGHUP"));
            tokensFile("upload " + NEW + "\n");
            assertTrue(reloader.reload("SIGHUP"));

            String text = String.join("\n", log.messages());
            assertTrue(text.contains("API tokens not reloaded (SIGHUP), keeping the previous ones: tokens file "), text);
            assertTrue(text.contains("API tokens reloaded (SIGHUP): 1 upload, 0 read"), text);
            assertFalse(text.contains(NEW) || text.contains(OLD), text);
        }
    }
}
