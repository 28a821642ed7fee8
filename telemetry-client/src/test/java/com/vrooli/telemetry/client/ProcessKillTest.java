package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.RealServer;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app is killed ({@code destroyForcibly}) while recording and while an upload waits for its
 * answer, or two apps share one file; afterwards a client restarted on the same file delivers
 * every event that reached the file, and the real server (JSONL store) holds each exactly once.
 */
@Timeout(120)
class ProcessKillTest {

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    private Path spool() {
        return dir.resolve("telemetry/deployment-telemetry.jsonl");
    }

    private Process start(URI upload, String mode, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx96m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classpath, ChildApp.class.getName(), spool().toString(), upload.toString(), mode)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private long wholeLines() throws IOException {
        if (!Files.exists(spool())) {
            return 0;
        }
        return FakeServer.countLines(Files.readAllBytes(spool()));
    }

    private void restartAndCheckExactlyOnce(RealServer server, List<String> inFile) {
        try (TelemetryClient restarted = TestClients.fast(spool(), server.uploadUri()).build()) {
            assertTrue(restarted.flush(Duration.ofSeconds(60)), restarted.stats().toString());
        }
        List<String> stored = server.events(TestClients.SCENARIO).stream().map(TelemetryEvent::eventId)
                .collect(Collectors.toList());
        assertEquals(stored.size(), new HashSet<>(stored).size(), "an event is stored twice");
        assertTrue(new HashSet<>(stored).containsAll(inFile), "an event of the file is missing on the server");
        assertEquals(new HashSet<>(inFile), new HashSet<>(stored));
    }

    @Test
    void killedWhileRecordingAndUploadingThenRestartedEveryEventInTheFileIsStoredOnce() throws Exception {
        try (RealServer server = TestServers.real()) {
            Process app = start(server.uploadUri(), "forever", "recording");
            Await.until("the app recorded and uploaded for a while", Duration.ofSeconds(60),
                    () -> server.events(TestClients.SCENARIO).size() >= 200 && wholeLinesUnchecked() >= 400,
                    () -> "lines " + wholeLinesUnchecked() + ", stored " + server.events(TestClients.SCENARIO).size());

            app.destroyForcibly();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS));
            List<String> inFile = SpoolFiles.eventIds(spool());

            restartAndCheckExactlyOnce(server, inFile);
        }
    }

    @Test
    void killedWhileAnUploadWaitsForItsAnswerTheBatchIsSentAgainAndStoredOnce() throws Exception {
        try (RealServer server = TestServers.real()) {
            server.holdAnswers();
            Process app = start(server.uploadUri(), "forever", "uploading");
            Await.until("a batch is stored and its answer held", Duration.ofSeconds(60),
                    () -> server.heldAnswers() >= 1 && wholeLinesUnchecked() >= 200,
                    () -> "lines " + wholeLinesUnchecked());

            app.destroyForcibly();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS));
            server.releaseAnswers();
            List<String> inFile = SpoolFiles.eventIds(spool());
            int storedBeforeRestart = server.events(TestClients.SCENARIO).size();
            assertTrue(storedBeforeRestart > 0);

            restartAndCheckExactlyOnce(server, inFile);
            assertTrue(server.duplicates() >= storedBeforeRestart,
                    "the unanswered batch should have been sent again; duplicates " + server.duplicates());
        }
    }

    @Test
    void twoAppsSharingOneFileNeitherCorruptItNorUploadTwice() throws Exception {
        try (RealServer server = TestServers.real()) {
            Process a = start(server.uploadUri(), "300", "app-a");
            Process b = start(server.uploadUri(), "300", "app-b");
            assertTrue(a.waitFor(90, TimeUnit.SECONDS), "app a did not finish");
            assertTrue(b.waitFor(90, TimeUnit.SECONDS), "app b did not finish");
            assertEquals(0, a.exitValue());
            assertEquals(0, b.exitValue());

            List<TelemetryEvent> inFile = SpoolFiles.events(spool());
            assertEquals(600, inFile.size());
            assertEquals(600, inFile.stream().map(TelemetryEvent::eventId).distinct().count());
            restartAndCheckExactlyOnce(server, inFile.stream().map(TelemetryEvent::eventId).collect(Collectors.toList()));
            assertEquals(600, server.events(TestClients.SCENARIO).size());
            assertEquals(0, server.duplicates(), "a batch was uploaded twice");
        }
    }

    private long wholeLinesUnchecked() {
        try {
            return wholeLines();
        } catch (IOException e) {
            return 0;
        }
    }
}
