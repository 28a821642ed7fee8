package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the in-process hosting example end to end over a real JSONL directory. */
class HostServerInProcessTest {

    static final String SUMMARIES = "{\"scenarios\":[{\"scenario\":\"picker-wheel\",\"total_events\":3,"
            + "\"last_event\":\"2025-01-15T14:25:00Z\",\"failure_counts\":{\"dependency_unreachable\":1},"
            + "\"recent_failures\":[{\"timestamp\":\"2025-01-15T14:25:00Z\",\"event\":\"dependency_unreachable\","
            + "\"deployment_id\":\"deploy-123\","
            + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}]}],\"total_scenarios\":1}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    @DisplayName("serves over the directory, stores the upload, answers the queries, and reopens with the same summary")
    void runsEndToEnd() throws Exception {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        HostServerInProcess.Run run = HostServerInProcess.run(dir, out);

        assertEquals("{\"status\":\"accepted\",\"events_received\":3,\"events_stored\":3}", run.upload());
        assertEquals(SUMMARIES, run.summaries());
        assertEquals(SUMMARIES, run.afterReopening(), "the summary is rebuilt from the file");
        assertEquals("{\"events\":[{\"timestamp\":\"2025-01-15T14:25:00Z\",\"scenario\":\"picker-wheel\","
                + "\"deployment_id\":\"deploy-123\",\"event\":\"dependency_unreachable\",\"level\":\"error\","
                + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}],\"next_cursor\":null}",
                run.errors());
        List<String> lines = Files.readAllLines(dir.resolve("picker-wheel.jsonl"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals("{\"ts\":\"2025-01-15T12:00:00Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-123\","
                + "\"event\":\"app_start\",\"details\":{\"version\":\"1.0.0\",\"platform\":\"win-x64\"}}",
                lines.get(0));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("upload answered 200: "), output);
        assertTrue(output.contains("picker-wheel.jsonl holds 3 lines"), output);
    }

    @Test
    @DisplayName("a second run over the same directory stores the events again and counts them all")
    void secondRunAddsUp() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        HostServerInProcess.run(dir, quiet);

        HostServerInProcess.Run again = HostServerInProcess.run(dir, quiet);

        assertTrue(again.afterReopening().contains("\"total_events\":6"), again.afterReopening());
        assertEquals(6, Files.readAllLines(dir.resolve("picker-wheel.jsonl"), StandardCharsets.UTF_8).size());
    }
}
