package com.vrooli.telemetry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document's {@code logs} examples on a bundle's local telemetry file: the desktop app writes
 * its file with the real client, then the real command line ({@code TelemetryCli}, in a child JVM
 * as a user runs it) reads it with {@code --file}.
 */
class BundleFileLogsTest {

    @TempDir
    Path appData;

    @Test
    @DisplayName("telemetry logs --file on the app's own file: --level error and --search migration")
    void logsOfTheAppsFile() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path file = DesktopAppExample.run(null, appData, quiet).telemetryFile();

        Cli errors = cli("logs", "picker-wheel", "--level", "error", "--format", "json", "--file", file.toString());
        Cli migration = cli("logs", "picker-wheel", "--search", "migration", "--format", "table", "--file",
                file.toString());

        assertEquals(0, errors.code(), errors.err());
        JsonNode events = new ObjectMapper().readTree(errors.out());
        assertEquals(List.of("dependency_unreachable", "migration_failed"), names(events));
        events.forEach(e -> assertEquals("error", e.path("level").asText()));
        events.forEach(e -> assertEquals(36, e.path("event_id").asText().length(), "the client's event id"));
        assertEquals(0, migration.code(), migration.err());
        String[] rows = migration.out().split("\n");
        assertEquals(2, rows.length, migration.out());
        assertTrue(rows[0].startsWith("TIME "), rows[0]);
        assertTrue(rows[1].contains("  error  migration_failed  ") && rows[1].contains("column \\\"color\\\""),
                rows[1]);
    }

    private static List<String> names(JsonNode events) {
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.path("event").asText()));
        return names;
    }

    /** What the command line printed and its exit code. */
    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", classpath, "com.vrooli.telemetry.cli.TelemetryCli"));
        command.addAll(List.of(args));
        Path out = appData.resolve("cli.out");
        Path err = appData.resolve("cli.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the command line did not finish within 60 s");
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
