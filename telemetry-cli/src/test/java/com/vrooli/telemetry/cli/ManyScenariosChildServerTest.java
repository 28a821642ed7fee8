package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Descriptors stay bounded whatever the number of scenarios: a real {@code telemetry serve} under
 * {@code ulimit -n 4096} takes 50,000 scenarios and stays healthy, because it keeps at most
 * {@code --max-open-files} scenario files open and reopens them on demand.
 */
class ManyScenariosChildServerTest {

    private static final int SCENARIOS = 50_000;
    private static final int PER_UPLOAD = 1_000;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private HttpResponse<String> upload(ChildServer server, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ChildServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    private static String events(IntStream scenarios, String type) {
        return scenarios.mapToObj(i -> "{\"scenario\":\"s" + i + "\",\"event\":\"" + type + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    @Timeout(600)
    @DisplayName("50,000 scenarios under ulimit -n 4096: /health stays 200, old and new scenarios take uploads")
    void fiftyThousandScenarios() throws Exception {
        Path dir = tmp.resolve("telemetry");
        try (ChildServer server = ChildServer.startWithOpenFileLimit(4096, dir, tmp.resolve("server.log"), "512m",
                "--fsync", "never", "--max-scenarios", "60000", "--max-open-files", "256")) {
            for (int from = 0; from < SCENARIOS; from += PER_UPLOAD) {
                HttpResponse<String> r = upload(server, events(IntStream.range(from, from + PER_UPLOAD), "app_start"));
                assertEquals(200, r.statusCode(), () -> r.body() + "\n" + tail(server.output()));
                assertTrue(r.body().contains("\"events_stored\":" + PER_UPLOAD), r.body());
            }

            assertEquals(200, get(server, "/health").statusCode());
            HttpResponse<String> old = upload(server, events(IntStream.of(0, 1, 25_000), "crash"));
            assertEquals(200, old.statusCode(), old.body());
            assertTrue(old.body().contains("\"events_stored\":3"), old.body());
            HttpResponse<String> fresh = upload(server, events(IntStream.of(SCENARIOS + 1), "app_start"));
            assertEquals(200, fresh.statusCode(), fresh.body());
            assertTrue(get(server, "/api/v1/telemetry/s0").body().contains("\"total_events\":2"));
            long descriptors;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
                descriptors = fds.count();
            }
            assertTrue(descriptors < 1024, descriptors + " descriptors open in the child");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.filter(p -> p.toString().endsWith(".jsonl")).count() > SCENARIOS);
            }
            assertEquals(200, get(server, "/health").statusCode());
        }
    }
}
