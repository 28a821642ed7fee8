package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry serve --store postgres}: the launcher on a real PostgreSQL. */
class PostgresServeTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) with events in ");
    private static final String SECRET = "hunter2-secret-pw";

    @RegisterExtension
    final LogCapture log = new LogCapture(ServeCommand.class);

    @TempDir
    Path home;

    @RegisterExtension
    final RestartablePostgres pg = new RestartablePostgres();

    private final ServerCalls calls = new ServerCalls();

    @Test
    @DisplayName("serve --store postgres stores uploads, publishes pool metrics and never prints the password")
    void servesFromPostgres() throws Exception {
        CliRunner cli = new CliRunner(home).stores(new StoreFactory()).env("PGPASSWORD", SECRET);
        URI base = start(cli, "serve", "--port", "0", "--store", "postgres", "--jdbc-url",
                pg.jdbcUrl() + "&password=" + SECRET);
        try {
            HttpResponse<String> up = calls.upload(base,
                    "[{\"scenario\":\"app\",\"event\":\"crash\",\"event_id\":\"e1\"},{\"scenario\":\"app\",\"event\":\"ready\"}]");
            assertEquals(200, up.statusCode(), up.body());
            assertEquals(2, ServerCalls.json(up).get("events_stored").asInt());
            JsonNode summary = ServerCalls.json(calls.get(base, "/api/v1/telemetry/app"));
            assertEquals(2, summary.get("total_events").asInt(), summary.toString());
            String metrics = calls.get(base, "/metrics").body();
            assertTrue(metrics.contains("telemetry_pg_pool_total_connections "), metrics);
            assertTrue(metrics.contains("telemetry_pg_operations_total "), metrics);
        } finally {
            cli.shutdownHooks().forEach(Runnable::run);
        }
        String start = log.messages().get(0);
        assertTrue(start.contains("with events in PostgreSQL at jdbc:postgresql://localhost:"), start);
        assertFalse(String.join("\n", log.messages()).contains(SECRET), "the log names no password");
        assertFalse(cli.err().contains(SECRET) || cli.out().contains(SECRET));
    }

    @Test
    @DisplayName("an unreachable database is exit 1 with a message that names no password")
    void unreachableDatabase() {
        pg.stop();
        CliRunner.Result r = new CliRunner(home).stores(new StoreFactory())
                .env("TELEMETRY_JDBC_URL", pg.jdbcUrl() + "&password=" + SECRET)
                .run("serve", "--port", "0", "--store", "postgres");

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("telemetry: cannot use PostgreSQL at jdbc:postgresql://localhost:"), r.err());
        assertTrue(r.err().contains("cannot connect to the database"), r.err());
        assertFalse(r.err().contains(SECRET), r.err());
    }

    @Test
    @DisplayName("the password may come from a file; --store postgres without a URL is a usage error")
    void passwordFileAndUsage() throws IOException {
        Path file = Files.writeString(home.resolve("pw"), SECRET + "\n");
        CliRunner cli = new CliRunner(home).stores(new StoreFactory());
        start(cli, "serve", "--port", "0", "--store", "postgres", "--jdbc-url", pg.jdbcUrl(), "--jdbc-password-file",
                file.toString());
        cli.shutdownHooks().forEach(Runnable::run);

        CliRunner.Result noUrl = new CliRunner(home).stores(new StoreFactory()).run("serve", "--store", "postgres");
        assertEquals(2, noUrl.code());
        assertEquals("telemetry: --store postgres needs --jdbc-url or $TELEMETRY_JDBC_URL",
                noUrl.err().lines().findFirst().orElseThrow());
        CliRunner.Result other = new CliRunner(home).stores(new StoreFactory()).run("serve", "--store", "mongo");
        assertEquals("telemetry: --store must be jsonl or postgres, got 'mongo'",
                other.err().lines().findFirst().orElseThrow());
    }

    private URI start(CliRunner cli, String... args) {
        int before = log.messages().size();
        Thread serve = new Thread(() -> cli.run(args), "serve");
        serve.setDaemon(true);
        serve.start();
        Await.until("the start line", () -> log.messages().size() > before, cli::err);
        Matcher m = LISTENING.matcher(log.messages().get(before));
        assertTrue(m.find(), log.messages().get(before));
        return URI.create(m.group(1));
    }
}
