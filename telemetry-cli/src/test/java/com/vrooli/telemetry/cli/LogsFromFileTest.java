package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeResult;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.QueryEndpointsTest;
import com.vrooli.telemetry.http.ServerExtension;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry logs --file}: a JSONL file in the stored line format, read directly. */
class LogsFromFileTest {

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = home.resolve("deployment-telemetry.jsonl");
        Files.write(file, storedLines(QueryEndpointsTest.EVENTS));
    }

    @Test
    @DisplayName("--file gives the same table as the server, --level error as in the document")
    void sameAsServer() {
        assertEquals(LogsCommandTest.ALL, run("logs", "picker-wheel", "--file", file.toString()).out());
        assertEquals(LogsCommandTest.ERRORS, run("logs", "picker-wheel", "--level", "error", "--format", "table",
                "--file", file.toString()).out());
        assertEquals(LogsCommandTest.MIGRATIONS, run("logs", "picker-wheel", "--search", "migration", "--file",
                file.toString()).out());
    }

    @Test
    @DisplayName("lines that are not events are skipped and reported once; a line without a scenario is the file's")
    void skipsBadLines() throws IOException {
        Files.writeString(file, "not json at all\n{\"ts\":\"2025-01-15T12:00:09Z\",\"event\":\"no_scenario\"}\n",
                StandardOpenOption.APPEND);

        CliRunner.Result r = run("logs", "picker-wheel", "--level", "error", "--file", file.toString());

        assertEquals(0, r.code());
        assertEquals(LogsCommandTest.ERRORS, r.out());
        assertEquals("telemetry: skipped 1 line(s) that are not events (first: line at byte " + offsetOfBadLine()
                + ": " + decoderMessage("not json at all") + ")\n", r.err());
    }

    @Test
    @DisplayName("a half-written last line is left for later, not reported")
    void halfWrittenLastLine() throws IOException {
        Files.writeString(file, "{\"ts\":\"2025-01-15T12:00:09Z\",\"scenario\":\"picker-wheel\",\"ev",
                StandardOpenOption.APPEND);

        CliRunner.Result r = run("logs", "picker-wheel", "--file", file.toString());

        assertEquals(LogsCommandTest.ALL, r.out());
        assertEquals("", r.err());
    }

    @Test
    @DisplayName("a scenario the file does not hold is exit 1 naming those it does")
    void unknownScenario() {
        CliRunner.Result r = run("logs", "ghost", "--file", file.toString());

        assertEquals(1, r.code());
        assertEquals("telemetry: no events for scenario 'ghost' in " + file
                + " (known scenarios: picker-wheel, shared-auth)\n", r.err());
    }

    @Test
    @DisplayName("a missing file is exit 1")
    void missingFile() {
        Path missing = home.resolve("missing.jsonl");

        CliRunner.Result r = run("logs", "picker-wheel", "--file", missing.toString());

        assertEquals(1, r.code());
        assertEquals("telemetry: cannot read " + missing + ": no such readable file\n", r.err());
    }

    @Test
    @DisplayName("--follow prints lines appended to the file")
    void follow() throws Exception {
        CliRunner cli = new CliRunner(home);
        int[] code = {-1};
        Thread follower = new Thread(() -> code[0] = cli.run("logs", "picker-wheel", "--follow", "--format", "jsonl",
                "--limit", "1", "--file", file.toString()).code(), "follower");
        follower.start();
        try {
            Await.until("the newest line", () -> cli.out().contains("\"ready\""));
            Files.write(file, storedLines("{\"scenario\":\"picker-wheel\",\"event\":\"crash\","
                    + "\"timestamp\":\"2025-01-15T12:00:06Z\"}"), StandardOpenOption.APPEND);
            Await.until("the appended line", () -> cli.out().contains("\"crash\""));
        } finally {
            follower.interrupt();
            follower.join(Await.DEADLINE.toMillis());
        }

        assertEquals(0, code[0]);
        assertEquals("ready crash", LogsCommandTest.eventNames(cli.out()));
    }

    private long offsetOfBadLine() {
        return storedLines(QueryEndpointsTest.EVENTS).length;
    }

    private static String decoderMessage(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        try {
            EventDecoder.create().decodeLine(b, 0, b.length);
            throw new AssertionError("expected the line to be refused");
        } catch (MalformedBodyException e) {
            return e.getMessage();
        }
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(home).run(args);
    }

    /** Events encoded as the store writes them. */
    static byte[] storedLines(String ndjson) {
        DecodeResult decoded = EventDecoder.create().decode(ndjson.getBytes(StandardCharsets.UTF_8), BodyFormat.NDJSON,
                null, ServerExtension.NOW);
        StringBuilder sb = new StringBuilder();
        for (TelemetryEvent e : decoded.events()) {
            sb.append(new String(EventLineCodec.encode(e), StandardCharsets.UTF_8));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
