package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry logs --file} on a bundle's local telemetry file as the client writes it: the
 * resource {@code bundle-app-data/telemetry/deployment-telemetry.jsonl} was written by
 * {@code TelemetryClient} (two app runs, deploy-1 then deploy-2, clock set to the milliseconds
 * below; the second run used the typed {@code dependencyUnreachable} and {@code ready}), so it has
 * the client's {@code event_id}s and millisecond timestamps.
 */
class LogsFromBundleFileTest {

    static final String HEADER = "TIME                      LEVEL  EVENT                   DEPLOYMENT  DETAILS\n";
    static final String APP_START =
            "2025-01-15T12:00:00.125Z  info   app_start               deploy-1    version=1.0.0\n";
    static final String MIGRATION_FAILED =
            "2025-01-15T12:00:02.375Z  error  migration_failed        deploy-1    version=42 error=\"disk full\"\n";
    static final String DEPENDENCY_UNREACHABLE = "2025-01-15T12:00:04.625Z  error  dependency_unreachable  deploy-2"
            + "    service_id=api dependency=sqlite reason=\"connection timeout\"\n";

    @TempDir
    Path appData;

    private Path file;

    @BeforeEach
    void installFile() throws IOException {
        file = appData.resolve("telemetry/deployment-telemetry.jsonl");
        Files.createDirectories(file.getParent());
        try (InputStream in = getClass().getResourceAsStream("bundle-app-data/telemetry/deployment-telemetry.jsonl")) {
            Files.copy(in, file);
        }
    }

    @Test
    @DisplayName("all logs: a table with the client's millisecond times, oldest first")
    void allLogs() {
        CliRunner.Result r = logs("--format", "table");

        assertEquals(0, r.code(), r.err());
        assertEquals(HEADER + APP_START
                + "2025-01-15T12:00:01.250Z  info   migration_started       deploy-1    version=42\n"
                + MIGRATION_FAILED
                + "2025-01-15T12:00:03.500Z  warn   secrets_prompted        deploy-2\n"
                + DEPENDENCY_UNREACHABLE
                + "2025-01-15T12:00:05.750Z  info   ready                   deploy-2    startup_ms=5625"
                + " services=[\"api\",\"ui\"]\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    @DisplayName("--level error --format table, as in the document")
    void levelError() {
        CliRunner.Result r = logs("--level", "error", "--format", "table");

        assertEquals(0, r.code(), r.err());
        assertEquals(HEADER + MIGRATION_FAILED + DEPENDENCY_UNREACHABLE, r.out());
    }

    @Test
    @DisplayName("--search migration, as in the document")
    void searchMigration() {
        CliRunner.Result r = logs("--search", "migration");

        assertEquals(0, r.code(), r.err());
        assertEquals("TIME                      LEVEL  EVENT              DEPLOYMENT  DETAILS\n"
                + "2025-01-15T12:00:01.250Z  info   migration_started  deploy-1    version=42\n"
                + "2025-01-15T12:00:02.375Z  error  migration_failed   deploy-1    version=42 error=\"disk full\"\n",
                r.out());
    }

    @Test
    @DisplayName("json keeps the client's event ids")
    void json() {
        CliRunner.Result r = logs("--level", "error", "--format", "json");

        assertEquals(0, r.code(), r.err());
        assertEquals("[{\"timestamp\":\"2025-01-15T12:00:02.375Z\",\"scenario\":\"picker-wheel\","
                + "\"deployment_id\":\"deploy-1\",\"event\":\"migration_failed\","
                + "\"event_id\":\"019469d5-bb47-76c0-a351-1aac0c59c0c3\",\"level\":\"error\","
                + "\"details\":{\"version\":\"42\",\"error\":\"disk full\"}},"
                + "{\"timestamp\":\"2025-01-15T12:00:04.625Z\",\"scenario\":\"picker-wheel\","
                + "\"deployment_id\":\"deploy-2\",\"event\":\"dependency_unreachable\","
                + "\"event_id\":\"019469d5-c411-7f7e-ac2c-fa36524c4db4\",\"level\":\"error\","
                + "\"details\":{\"service_id\":\"api\",\"dependency\":\"sqlite\",\"reason\":\"connection timeout\"}}]\n",
                r.out());
    }

    @Test
    @DisplayName("jsonl gives back the client's own lines")
    void jsonl() throws IOException {
        CliRunner.Result r = logs("--format", "jsonl");

        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(file), r.out());
    }

    @Test
    @DisplayName("a bundle file holds one scenario; another is exit 1 naming it")
    void otherScenario() {
        CliRunner.Result r = new CliRunner(appData).run("logs", "shared-auth", "--file", file.toString());

        assertEquals(1, r.code());
        assertEquals("telemetry: no events for scenario 'shared-auth' in " + file + " (known scenarios: picker-wheel)\n",
                r.err());
    }

    private CliRunner.Result logs(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "logs";
        args[1] = "picker-wheel";
        System.arraycopy(options, 0, args, 2, options.length);
        args[options.length + 2] = "--file";
        args[options.length + 3] = file.toString();
        return new CliRunner(appData).run(args);
    }
}
