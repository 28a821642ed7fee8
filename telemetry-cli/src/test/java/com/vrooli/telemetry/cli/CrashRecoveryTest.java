package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.WireJson;
import com.vrooli.telemetry.http.DirectoryAudit;
import com.vrooli.telemetry.http.UploadLoad;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code telemetry serve} process under concurrent upload load is killed with SIGKILL at
 * random moments, {@value #KILLS} times, and restarted on the same directory each time. After each
 * restart: every acknowledged event is in the live files exactly once, no event is there twice,
 * every line of every live file parses, and the summaries the server answers equal a recount from
 * the files. Batches whose answer was lost are sent again after the restart and must be
 * de-duplicated. The store runs with its default {@code fsync=batch}; a killed process (not a
 * crashed machine) keeps what reached the page cache, which is what this proves.
 */
@Tag("crash")
@Timeout(300)
class CrashRecoveryTest {

    static final int KILLS = 22;
    static final int UPLOADERS = 4;
    static final long SEED = Long.getLong("crash.seed", 20261128L);
    private static final String UPLOAD = "/api/v1/telemetry/upload";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @DisplayName("killed 22 times under load: acknowledged events survive exactly once, files parse, summaries match")
    void killedUnderLoadLosesNothingAcknowledged() throws Exception {
        Path dir = Files.createDirectories(work.resolve("telemetry"));
        Random random = new Random(SEED);
        int resentStoredBefore = 0;
        int acknowledged;
        try (UploadLoad load = new UploadLoad(UPLOADERS, SEED)) {
            for (int cycle = 0; cycle <= KILLS; cycle++) {
                try (ChildServer server = ChildServer.start(dir, work.resolve("server-" + cycle + ".log"), "128m")) {
                    load.forgetConnections();
                    DirectoryAudit recovered = assertRecovered(dir, server, load, cycle);
                    resentStoredBefore += resendUnanswered(recovered, server, load, random);
                    if (cycle == KILLS) {
                        assertRecovered(dir, server, load, cycle);
                        break;
                    }
                    long target = load.acknowledgedBatches() + 1 + random.nextInt(40);
                    load.open(server.uri(UPLOAD));
                    Await.until("batch " + target + " acknowledged in cycle " + cycle,
                            () -> load.acknowledgedBatches() >= target || !server.isAlive());
                    assertTrue(server.isAlive(), server.output());
                    server.kill();
                    load.pause();
                }
            }
            assertEquals(List.of(), load.problems(), "answers a healthy server never gives");
            acknowledged = load.acknowledged().size();
        }
        DirectoryAudit last = DirectoryAudit.of(dir);
        assertTrue(last.totalEvents() > 1000, "the load stored too little to prove much: " + last.totalEvents());
        System.out.printf("crash test: %d kills, %d events stored, %d of them acknowledged, %d re-sent batches had"
                + " been stored before the kill, %d torn lines moved aside%n", KILLS, last.totalEvents(),
                acknowledged, resentStoredBefore, tornLinesMovedAside(dir));
    }

    private DirectoryAudit assertRecovered(Path dir, ChildServer server, UploadLoad load, int cycle) throws Exception {
        DirectoryAudit audit = DirectoryAudit.of(dir);
        assertEquals(List.of(), audit.duplicatedIds(), "events stored twice after restart " + cycle);
        List<String> lost = load.acknowledged().stream().filter(id -> audit.count(id) != 1).sorted().limit(20)
                .collect(Collectors.toList());
        assertEquals(List.of(), lost, "acknowledged events missing after restart " + cycle);
        List<String> unknown = audit.ids().stream().filter(id -> !load.sent().contains(id)).limit(20)
                .collect(Collectors.toList());
        assertEquals(List.of(), unknown, "events nobody sent");
        String expected = new String(WireJson.summaries(audit.recount()), StandardCharsets.UTF_8);
        assertEquals(expected, get(server.uri("/api/v1/telemetry")), "summaries after restart " + cycle);
        return audit;
    }

    /**
     * Sends again up to three batches whose answer was lost; returns how many of them the killed
     * server had stored in full before it died (their re-send must come back as duplicates).
     */
    private static int resendUnanswered(DirectoryAudit before, ChildServer server, UploadLoad load, Random random) {
        int storedBefore = 0;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            UploadLoad.Batch b = load.takeUnanswered();
            if (b == null) {
                break;
            }
            if (before.ids().containsAll(b.ids())) {
                storedBefore++;
            }
            assertTrue(load.send(server.uri(UPLOAD), b), "a re-sent batch was not acknowledged: " + load.problems());
        }
        return storedBefore;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static long tornLinesMovedAside(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long lines = 0;
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".corrupt"))
                    .collect(Collectors.toList())) {
                lines += Files.readAllLines(p, StandardCharsets.ISO_8859_1).size();
            }
            return lines;
        }
    }
}
