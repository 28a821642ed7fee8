package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.http.QueryEndpointsTest;
import com.vrooli.telemetry.http.ServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary --dir} and {@code logs --dir} over a real JSONL directory, opened read-only by the
 * launcher's own {@link StoreFactory} while a server still writes it, and again after it stopped:
 * the same output as asking the server.
 */
class CliOverDirectoryTest {

    static final String SUMMARY_TABLE = "SCENARIO      EVENTS  LAST EVENT            FAILURES\n"
            + "picker-wheel       6  2025-01-15T12:00:05Z  dependency_unreachable=1, migration_failed=1\n"
            + "shared-auth        1  2025-01-15T11:00:00Z  -\n";

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl().withEvents(QueryEndpointsTest.EVENTS);

    @TempDir
    Path home;

    @Test
    @DisplayName("summary --dir: the table, and the API's answer in json, while the server runs")
    void summary() {
        CliRunner.Result table = run("summary", "--dir", dir());
        CliRunner.Result json = run("summary", "--dir", dir(), "--format", "json");

        assertEquals(0, table.code(), table.err());
        assertEquals(SUMMARY_TABLE, table.out());
        assertEquals("", table.err());
        assertEquals(0, json.code(), json.err());
        assertEquals(server.get("/api/v1/telemetry").body() + "\n", json.out());
    }

    @Test
    @DisplayName("logs --dir: all, --level error and --search migration as in the document, and json")
    void logs() {
        assertEquals(LogsCommandTest.ALL, run("logs", "picker-wheel", "--dir", dir()).out());
        assertEquals(LogsCommandTest.ERRORS, run("logs", "picker-wheel", "--level", "error", "--format", "table",
                "--dir", dir()).out());
        assertEquals(LogsCommandTest.MIGRATIONS, run("logs", "picker-wheel", "--search", "migration", "--dir", dir())
                .out());
        assertEquals(run("logs", "picker-wheel", "--format", "json", "--server", server.server().uri().toString())
                .out(), run("logs", "picker-wheel", "--format", "json", "--dir", dir()).out());
    }

    @Test
    @DisplayName("the directory of a restarted server reads the same, new uploads included")
    void afterRestart() {
        server.restart();
        assertEquals(200, server.post("/api/v1/telemetry/upload", "application/json",
                "{\"scenario\":\"picker-wheel\",\"event\":\"crash\",\"timestamp\":\"2025-01-15T12:00:06Z\"}").status());

        CliRunner.Result r = run("logs", "picker-wheel", "--level", "error", "--dir", dir());

        assertEquals(0, r.code(), r.err());
        assertEquals(LogsCommandTest.ERRORS + "2025-01-15T12:00:06Z  error  crash                   -\n", r.out());
    }

    @Test
    @DisplayName("an unknown scenario names the known ones; a missing directory is exit 1")
    void failures() {
        CliRunner.Result ghost = run("logs", "ghost", "--dir", dir());
        Path missing = home.resolve("missing");
        CliRunner.Result nowhere = run("summary", "--dir", missing.toString());

        assertEquals(1, ghost.code());
        assertEquals("telemetry: no events for scenario 'ghost' in " + dir()
                + " (known scenarios: picker-wheel, shared-auth)\n", ghost.err());
        assertEquals(1, nowhere.code());
        assertEquals("telemetry: cannot read " + missing + ": no such directory\n", nowhere.err());
    }

    private String dir() {
        return server.dir().toString();
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(home).stores(new StoreFactory()).run(args);
    }
}
