package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.DocumentExamples;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.DocumentExamplesHttpTest;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry serve} in-process: where it listens, which directory it uses, its one start line,
 * and its shutdown hook. The store is in memory here; the JSONL wiring has its own test.
 */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) with events in (\\S+) ");

    @RegisterExtension
    final LogCapture log = new LogCapture(ServeCommand.class);

    @TempDir
    Path home;

    private final RecordingStores stores = new RecordingStores();

    @Test
    @DisplayName("serve listens, logs one start line with address and directory, and stops on the shutdown hook")
    void servesUntilShutdown() throws Exception {
        Path dir = home.resolve("telemetry");
        CliRunner cli = new CliRunner(home).stores(stores);
        int[] code = {-1};
        Thread serve = new Thread(() -> code[0] = cli.run("serve", "--port", "0", "--dir", dir.toString(),
                "--fsync", "always").code(), "serve");
        serve.start();
        Await.until("the start line", () -> !log.messages().isEmpty());
        Matcher m = LISTENING.matcher(log.messages().get(0));
        assertTrue(m.find(), log.messages().get(0));
        URI base = URI.create(m.group(1));

        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/telemetry/upload")).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(DocumentExamples.NDJSON)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(DocumentExamples.ACCEPTED_ANSWER, upload.body());

        cli.shutdownHooks().forEach(Runnable::run);
        serve.join(Await.DEADLINE.toMillis());

        assertEquals(0, code[0]);
        assertEquals(dir.toString(), m.group(2));
        assertEquals(List.of(dir + " always"), stores.opened);
        assertEquals("telemetry server listening on " + base + " with events in " + dir + " (fsync always)",
                log.messages().get(0));
        assertEquals(List.of("telemetry server stopped"), log.messages().subList(1, log.messages().size()));
        assertFalse(stores.last.health().writable(), "the store is closed after the server");
    }

    @Test
    @DisplayName("API_PORT and TELEMETRY_DIR are the defaults of --port and --dir")
    void environmentDefaults() throws Exception {
        CliRunner cli = new CliRunner(home).stores(stores).env("API_PORT", "0").env("TELEMETRY_DIR", "~/elsewhere");

        runUntilStarted(cli);

        assertEquals(List.of(home.resolve("elsewhere") + " batch"), stores.opened);
    }

    @Test
    @DisplayName("the document's directory is the default")
    void documentDirectory() throws Exception {
        CliRunner cli = new CliRunner(home).stores(stores).env("API_PORT", "0");

        runUntilStarted(cli);

        assertEquals(List.of(home.resolve(".vrooli/deployment/telemetry") + " batch"), stores.opened);
    }

    @Test
    @DisplayName("a port in use is exit 1 saying so")
    void portInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRunner.Result r = new CliRunner(home).stores(stores).run("serve", "--port",
                    Integer.toString(taken.getLocalPort()), "--dir", home.toString());

            assertEquals(1, r.code());
            assertEquals("telemetry: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use\n",
                    r.err());
        }
    }

    @Test
    @DisplayName("a directory the store cannot use is exit 1 with the store's reason")
    void storeUnavailable() {
        CliRunner.Result r = new CliRunner(home).stores(new RecordingStores() {
            @Override
            public TelemetryStore openForServing(StoreOptions options) {
                throw new StoreUnavailableException("another server holds the lock");
            }
        }).run("serve", "--port", "0", "--dir", home.toString());

        assertEquals(1, r.code());
        assertEquals("telemetry: cannot use " + home + ": another server holds the lock\n", r.err());
    }

    @Test
    @DisplayName("a body limit below 1 KiB is a usage error")
    void tinyBodyLimit() {
        CliRunner.Result r = new CliRunner(home).stores(stores).run("serve", "--port", "0", "--dir", home.toString(),
                "--max-body", "512");

        assertEquals(2, r.code());
        assertEquals("telemetry: maxBodyBytes must be at least 1024, got 512\n", r.err());
    }

    private void runUntilStarted(CliRunner cli) throws InterruptedException {
        Thread serve = new Thread(() -> cli.run("serve"), "serve");
        serve.start();
        Await.until("the start line", () -> !log.messages().isEmpty());
        cli.shutdownHooks().forEach(Runnable::run);
        serve.join(Await.DEADLINE.toMillis());
    }

    /** Hands out in-memory stores and records what it was asked to open. */
    static class RecordingStores implements StoreOpener {
        final List<String> opened = new CopyOnWriteArrayList<>();
        volatile TelemetryStore last;

        @Override
        public TelemetryStore openForServing(StoreOptions options) {
            StoreOptions.Jsonl jsonl = (StoreOptions.Jsonl) options;
            opened.add(jsonl.dir() + " " + jsonl.fsync());
            last = InMemoryTelemetryStore.create();
            return last;
        }

        @Override
        public TelemetryStore openReadOnly(Path dir) {
            return InMemoryTelemetryStore.create();
        }
    }
}
