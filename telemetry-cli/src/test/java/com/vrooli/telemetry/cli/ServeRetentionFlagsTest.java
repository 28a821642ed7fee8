package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code telemetry serve --retain-bytes --retain-age --segment-bytes --gzip-segments}. */
class ServeRetentionFlagsTest {

    private static final int BATCHES = 100;
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) with events in ");

    @RegisterExtension
    final LogCapture log = new LogCapture(ServeCommand.class);

    @TempDir
    Path home;

    /** Records the retention policy it was asked to open with. */
    private static final class PolicyRecorder implements StoreOpener {
        volatile RetentionPolicy policy;

        @Override
        public TelemetryStore openForServing(StoreOptions options) {
            policy = ((StoreOptions.Jsonl) options).retention();
            return InMemoryTelemetryStore.create();
        }

        @Override
        public TelemetryStore openReadOnly(Path dir) {
            return InMemoryTelemetryStore.create();
        }
    }

    /** Starts serve in a thread and returns its address once it logged its start line. */
    private URI start(CliRunner cli, String... args) {
        Thread serve = new Thread(() -> cli.run(args), "serve");
        serve.setDaemon(true);
        serve.start();
        Await.until("the start line", () -> !log.messages().isEmpty());
        Matcher m = LISTENING.matcher(log.messages().get(0));
        assertTrue(m.find(), log.messages().get(0));
        return URI.create(m.group(1));
    }

    @Test
    @DisplayName("the flags become the store's retention policy and are named in the start line")
    void flagsReachTheStore() {
        PolicyRecorder stores = new PolicyRecorder();
        CliRunner cli = new CliRunner(home).stores(stores);

        start(cli, "serve", "--port", "0", "--dir", home.toString(), "--retain-bytes", "1GiB", "--retain-age",
                "30d", "--segment-bytes", "64MiB", "--gzip-segments");
        cli.shutdownHooks().forEach(Runnable::run);

        assertEquals(1L << 30, stores.policy.maxBytes());
        assertEquals(Duration.ofDays(30), stores.policy.maxAge());
        assertEquals(64L << 20, stores.policy.segmentBytes());
        assertTrue(stores.policy.gzipSegments());
        assertTrue(log.messages().get(0).endsWith("(fsync batch; segments of 67108864 bytes, gzip'd, at most"
                + " 1073741824 bytes, at most PT720H old per scenario)"), log.messages().get(0));
    }

    @Test
    @DisplayName("without retention flags nothing is rotated and the start line is unchanged")
    void offByDefault() {
        PolicyRecorder stores = new PolicyRecorder();
        CliRunner cli = new CliRunner(home).stores(stores);

        start(cli, "serve", "--port", "0", "--dir", home.toString());
        cli.shutdownHooks().forEach(Runnable::run);

        assertEquals(RetentionPolicy.none(), stores.policy);
        assertTrue(log.messages().get(0).endsWith("(fsync batch)"), log.messages().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--retain-age 5x|telemetry: Invalid value for option '--retain-age': '5x' is not a duration such as 500ms, 10s, 90m, 12h, 30d, 2w or P30D",
        "--retain-age 0d|telemetry: Invalid value for option '--retain-age': '0d' must be a positive duration",
        "--retain-bytes 100|telemetry: --retain-bytes must be at least 1024 bytes, got 100",
        "--retain-bytes 4KiB --segment-bytes 8KiB|telemetry: --segment-bytes (8192) must not exceed --retain-bytes (4096)",
        "--gzip-segments|telemetry: --gzip-segments needs rotation: set --retain-bytes, --retain-age or --segment-bytes",
        "--segment-bytes lots|telemetry: Invalid value for option '--segment-bytes': 'lots' is not a size such as 4MiB or 65536"})
    @DisplayName("retention values that make no sense are usage errors")
    void usageErrors(String flags, String message) {
        String[] args = Stream.concat(Stream.of("serve", "--port", "0", "--dir", home.toString()),
                Stream.of(flags.split(" "))).toArray(String[]::new);

        CliRunner.Result r = new CliRunner(home).stores(new PolicyRecorder()).run(args);

        assertEquals(2, r.code(), r.err());
        assertEquals(message, r.err().lines().findFirst().orElseThrow());
    }

    @Test
    @DisplayName("serve on a real directory rotates, compresses and deletes while uploads go on")
    void realDirectory() throws Exception {
        Path dir = home.resolve("telemetry");
        CliRunner cli = new CliRunner(home).stores(new StoreFactory());
        URI base = start(cli, "serve", "--port", "0", "--dir", dir.toString(), "--retain-bytes", "8KiB",
                "--segment-bytes", "2KiB", "--gzip-segments", "--fsync", "never");
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int batch = 0; batch < BATCHES; batch++) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    int n = batch * 10 + i;
                    body.append("{\"scenario\":\"app\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:00Z\","
                            + "\"event_id\":\"e-").append(n).append("\",\"details\":{\"n\":").append(n)
                            .append(",\"token\":\"").append(UUID.randomUUID()).append("\"}}\n");
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/telemetry/upload"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                // Uploads answer faster than a loaded machine may schedule the retention thread: let each
                // rotation happen before the next batch, or one segment holding everything is deleted whole
                // and no compressed segment is ever left to see.
                Await.until("the live file rotated", () -> liveBytes(dir) < 4 * 2048);
            }

            // Uncompressible details: 1000 events are far more than 8 KiB even gzip'd.
            Await.until("old segments to be compressed and deleted", () -> {
                List<String> names = names(dir);
                return names.contains("app.jsonl") && !names.contains("app.jsonl.1.gz")
                        && names.stream().anyMatch(n -> n.endsWith(".gz"))
                        && names.stream().noneMatch(n -> n.matches("app\\.jsonl\\.\\d+"));
            }, () -> "files now: " + names(dir));
            Await.until("the summary to count what is retained", () -> totalEvents(http, base) == linesOnDisk(dir));
            assertTrue(totalEvents(http, base) < BATCHES * 10);
            // The retention thread may still be sealing or compressing a segment: wait for a listing
            // whose files all still exist, then hold it to the limit.
            Await.until("the retained bytes to be within the limit", () -> {
                long bytes = 0;
                for (String name : names(dir)) {
                    try {
                        bytes += Files.size(dir.resolve(name));
                    } catch (IOException e) {
                        return false;
                    }
                }
                return bytes <= 8 * 1024 + 4 * 1024;
            });
        } finally {
            cli.shutdownHooks().forEach(Runnable::run);
        }
    }

    private static long liveBytes(Path dir) {
        try {
            return Files.size(dir.resolve("app.jsonl"));
        } catch (NoSuchFileException rotating) {
            return 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("app."))
                    // a segment being compressed is a temporary file that the compressor renames or deletes
                    .filter(n -> !n.endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long linesOnDisk(Path dir) {
        long lines = 0;
        for (String name : names(dir)) {
            try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(dir.resolve(name)))
                    : Files.newInputStream(dir.resolve(name))) {
                lines += new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
            } catch (NoSuchFileException gone) {
                // Retention moved on while counting: count again on the next try.
                return -1;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return lines;
    }

    private static long totalEvents(HttpClient http, URI base) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/telemetry")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).get("scenarios").get(0).get("total_events").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
