package com.vrooli.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens reload without a restart (issue #12 item 7): a changed tokens file is put in force by
 * itself, a bad one keeps the old tokens, and an upload in flight across a reload that removes
 * its token still completes.
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

    private ApiTokens load(Path file) {
        ApiTokens.Builder b = ApiTokens.builder();
        TokenSources.readFile(file, b, warning -> { });
        return b.build();
    }

    private int upload(TelemetryServer server, String token) throws Exception {
        return client.send(request(server, token), HttpResponse.BodyHandlers.ofString(UTF_8)).statusCode();
    }

    private static HttpRequest request(TelemetryServer server, String token) {
        return HttpRequest.newBuilder(server.uri().resolve("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build();
    }

    @Test
    @DisplayName("a changed tokens file is in force within the check interval; a bad one keeps the old tokens")
    void fileChange() throws Exception {
        Path file = tokensFile("upload " + OLD + "\n");
        GateStore store = new GateStore();
        store.open();
        try (TelemetryServer server = TelemetryServer.builder(store).port(0).tokens(load(file)).build().start();
             TokenReloader reloader = new TokenReloader(file, () -> load(file), server::replaceTokens)
                     .watchEvery(Duration.ofMillis(20))) {
            assertEquals(200, upload(server, OLD));

            tokensFile("upload " + NEW + "\n");
            Await.until("the new token in force", () -> status(server, NEW) == 200);
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
    @DisplayName("an upload in flight when its token is removed completes; the next one with that token is 401")
    void inFlight() throws Exception {
        GateStore store = new GateStore();
        try (TelemetryServer server = TelemetryServer.builder(store).port(0)
                .tokens(ApiTokens.builder().upload(OLD).build()).build().start()) {
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(request(server, OLD),
                    HttpResponse.BodyHandlers.ofString(UTF_8));
            store.awaitHeldAppend();

            server.replaceTokens(ApiTokens.builder().upload(NEW).build());
            store.open();

            HttpResponse<String> answer = held.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(401, upload(server, OLD));
            assertEquals(200, upload(server, NEW));
        } finally {
            store.close();
        }
    }

    @Test
    @DisplayName("authentication cannot be turned off or on by a reload")
    void modeIsFixed() {
        GateStore store = new GateStore();
        store.open();
        try (TelemetryServer withTokens = TelemetryServer.builder(store).port(0)
                .tokens(ApiTokens.builder().upload(OLD).build()).build();
             TelemetryServer without = TelemetryServer.builder(store).port(0).build()) {
            assertThrows(IllegalArgumentException.class, () -> withTokens.replaceTokens(ApiTokens.none()));
            assertThrows(IllegalArgumentException.class,
                    () -> without.replaceTokens(ApiTokens.builder().upload(NEW).build()));
            without.replaceTokens(ApiTokens.none());
        } finally {
            store.close();
        }
    }

    private int status(TelemetryServer server, String token) {
        try {
            return upload(server, token);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the reload's log names the cause and counts, never a token")
    void logsNoToken() throws Exception {
        Path file = tokensFile("upload " + OLD + "\n");
        GateStore store = new GateStore();
        store.open();
        try (TelemetryServer server = TelemetryServer.builder(store).port(0).tokens(load(file)).build()) {
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
