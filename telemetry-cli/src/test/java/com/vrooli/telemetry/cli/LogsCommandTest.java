package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.http.Ports;
import com.vrooli.telemetry.http.QueryEndpointsTest;
import com.vrooli.telemetry.http.ServerExtension;
import com.vrooli.telemetry.testing.Await;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code telemetry logs} against a real server over the JSONL store, with the document's examples. */
class LogsCommandTest {

    static final String HEADER = "TIME                  LEVEL  EVENT                   DEPLOYMENT  DETAILS\n";
    static final String APP_START = "2025-01-15T12:00:00Z  info   app_start               deploy-1    version=1.0.0\n";
    static final String MIGRATION_STARTED =
            "2025-01-15T12:00:01Z  info   migration_started       deploy-1    version=42\n";
    static final String MIGRATION_FAILED =
            "2025-01-15T12:00:02Z  error  migration_failed        deploy-1    version=42 error=\"disk full\"\n";
    static final String SECRETS_PROMPTED = "2025-01-15T12:00:03Z  warn   secrets_prompted        deploy-2\n";
    static final String DEPENDENCY_UNREACHABLE = "2025-01-15T12:00:04Z  error  dependency_unreachable  deploy-2"
            + "    service=sqlite reason=\"connection timeout\"\n";
    static final String READY = "2025-01-15T12:00:05Z  info   ready                   deploy-2\n";

    /** The whole table of picker-wheel's six events. */
    static final String ALL = HEADER + APP_START + MIGRATION_STARTED + MIGRATION_FAILED + SECRETS_PROMPTED
            + DEPENDENCY_UNREACHABLE + READY;
    /** {@code --level error}, as in the document. */
    static final String ERRORS = HEADER + MIGRATION_FAILED + DEPENDENCY_UNREACHABLE;
    /** {@code --search migration}, as in the document (narrower columns: no long event type). */
    static final String MIGRATIONS = "TIME                  LEVEL  EVENT              DEPLOYMENT  DETAILS\n"
            + "2025-01-15T12:00:01Z  info   migration_started  deploy-1    version=42\n"
            + "2025-01-15T12:00:02Z  error  migration_failed   deploy-1    version=42 error=\"disk full\"\n";

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl().withEvents(QueryEndpointsTest.EVENTS);

    @TempDir
    Path home;

    @Test
    @DisplayName("all logs: a table, oldest first, newest at the bottom")
    void allLogs() {
        CliRunner.Result r = logs("picker-wheel");

        assertEquals(0, r.code());
        assertEquals(ALL, r.out());
        assertEquals("", r.err());
    }

    @Test
    @DisplayName("--level error --format table, as in the document")
    void levelError() {
        CliRunner.Result r = logs("picker-wheel", "--level", "error", "--format", "table");

        assertEquals(0, r.code());
        assertEquals(ERRORS, r.out());
    }

    @Test
    @DisplayName("--search migration, as in the document")
    void searchMigration() {
        CliRunner.Result r = logs("picker-wheel", "--search", "migration");

        assertEquals(0, r.code());
        assertEquals(MIGRATIONS, r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--event app_start,ready|app_start ready",
        "--event app_start --event ready|app_start ready",
        "--deployment deploy-2|secrets_prompted dependency_unreachable ready",
        "--since 2025-01-15T12:00:03Z|secrets_prompted dependency_unreachable ready",
        "--until 2025-01-15T12:00:01Z|app_start",
        "--since 61m --until 59m|app_start migration_started migration_failed secrets_prompted dependency_unreachable ready",
        "--level warn --deployment deploy-2|secrets_prompted dependency_unreachable",
    })
    @DisplayName("each filter option narrows the events")
    void filters(String options, String expected) {
        String[] args = ("logs picker-wheel --format jsonl --server " + url() + " " + options).split(" ");

        CliRunner.Result r = new CliRunner(home).run(args);

        assertEquals(0, r.code(), r.err());
        assertEquals(expected, eventNames(r.out()));
    }

    @Test
    @DisplayName("--limit shows the newest N, oldest first, and says there are more")
    void limit() {
        CliRunner.Result r = logs("picker-wheel", "--limit", "2");

        assertEquals(0, r.code());
        assertEquals(HEADER + DEPENDENCY_UNREACHABLE + READY, r.out());
        assertEquals("telemetry: showing the newest 2 matching events; --limit shows more\n", r.err());
    }

    @Test
    @DisplayName("json is an array of the API's event objects")
    void json() {
        CliRunner.Result r = logs("picker-wheel", "--format", "json", "--level", "error");

        assertEquals(0, r.code());
        assertEquals("[{\"timestamp\":\"2025-01-15T12:00:02Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-1\","
                + "\"event\":\"migration_failed\",\"level\":\"error\",\"details\":{\"version\":\"42\",\"error\":\"disk full\"}},"
                + "{\"timestamp\":\"2025-01-15T12:00:04Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\","
                + "\"event\":\"dependency_unreachable\",\"level\":\"error\","
                + "\"details\":{\"service\":\"sqlite\",\"reason\":\"connection timeout\"}}]\n", r.out());
    }

    @Test
    @DisplayName("jsonl is the stored line format")
    void jsonl() {
        CliRunner.Result r = logs("picker-wheel", "--format", "jsonl", "--event", "ready");

        assertEquals(0, r.code());
        assertEquals("{\"ts\":\"2025-01-15T12:00:05Z\",\"scenario\":\"picker-wheel\",\"deployment_id\":\"deploy-2\","
                + "\"event\":\"ready\"}\n", r.out());
    }

    @Test
    @DisplayName("no match prints a sentence in the table format and an empty array in json")
    void noMatch() {
        assertEquals("no matching events\n", logs("picker-wheel", "--search", "nothing-like-this").out());
        assertEquals("[]\n", logs("picker-wheel", "--search", "nothing-like-this", "--format", "json").out());
    }

    @Test
    @DisplayName("an unknown scenario is exit 1 naming the known ones")
    void unknownScenario() {
        CliRunner.Result r = logs("ghost");

        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("telemetry: no events for scenario 'ghost' in the server at " + url()
                + " (known scenarios: picker-wheel, shared-auth)\n", r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "logs ../etc|telemetry: scenario '../etc' must start with a letter or digit",
        "logs picker-wheel --limit 0|telemetry: --limit must be from 1 to 10000, got 0",
        "logs picker-wheel --since yesterday|telemetry: --since must be a time with a zone such as 2025-01-15T12:00:00Z,"
                + " or a span ago such as 30m, 2h or 7d; got 'yesterday'",
        "logs picker-wheel --since 1h --until 2h|telemetry: --since must be before --until",
    })
    @DisplayName("bad arguments are exit 2 with the reason")
    void usageErrors(String args, String message) {
        CliRunner.Result r = new CliRunner(home).run((args + " --server " + url()).split(" "));

        assertEquals(2, r.code());
        assertEquals(message + "\n", r.err());
    }

    @Test
    @DisplayName("an invalid --level is exit 2 with the usage line")
    void invalidLevel() {
        CliRunner.Result r = logs("picker-wheel", "--level", "fatal");

        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("telemetry: Invalid value for option '--level': 'fatal' is not a level; use info,"
                + " warn or error\nUsage: telemetry logs "), r.err());
    }

    @Test
    @DisplayName("an unreachable server is exit 3")
    void unreachable() {
        int port = Ports.closed();

        CliRunner.Result r = new CliRunner(home).run("logs", "picker-wheel", "--server", "http://127.0.0.1:" + port);

        assertEquals(3, r.code());
        assertEquals("telemetry: cannot reach the telemetry server at http://127.0.0.1:" + port
                + " \u2014 is `telemetry serve` running?\n", r.err());
    }

    @Test
    @DisplayName("--follow prints the newest events, then new ones as they arrive, until interrupted")
    void follow() throws Exception {
        CliRunner cli = new CliRunner(home);
        int[] code = {-1};
        Thread follower = new Thread(() -> code[0] = cli.run("logs", "picker-wheel", "--follow", "--limit", "2",
                "--level", "error", "--server", url()).code(), "follower");
        follower.start();
        try {
            Await.until("the newest errors", () -> cli.out().contains("dependency_unreachable"));
            server.post("/api/v1/telemetry/upload", "application/x-ndjson",
                    "{\"scenario\":\"picker-wheel\",\"event\":\"crash\",\"timestamp\":\"2025-01-15T12:00:06Z\"}\n"
                            + "{\"scenario\":\"picker-wheel\",\"event\":\"ready\",\"timestamp\":\"2025-01-15T12:00:07Z\"}");
            Await.until("the new crash", () -> cli.out().contains("crash"));
        } finally {
            follower.interrupt();
            follower.join(Await.DEADLINE.toMillis());
        }

        assertEquals(0, code[0]);
        assertEquals(HEADER + MIGRATION_FAILED + DEPENDENCY_UNREACHABLE
                + "2025-01-15T12:00:06Z  error  crash                   -\n", cli.out());
    }

    @Test
    @DisplayName("--follow interrupted while a poll waits for the server ends as an interrupt in its pause: exit 0")
    void followInterruptedDuringAPoll() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        // Answers the scenario check and the catch-up with no events; every poll then hangs.
        HttpServer hanging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hanging.setExecutor(Executors.newCachedThreadPool());
        hanging.createContext("/", exchange -> {
            boolean events = exchange.getRequestURI().getPath().endsWith("/events");
            if (events && requests.incrementAndGet() > 1) {
                // Every read of events after the catch-up's hangs: the interrupt lands inside the request.
                polling.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{\"events\":[],\"next_cursor\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hanging.start();
        try {
            CliRunner cli = new CliRunner(home);
            int[] code = {-1};
            Thread follower = new Thread(() -> code[0] = cli.run("logs", "picker-wheel", "--follow", "--server",
                    "http://127.0.0.1:" + hanging.getAddress().getPort()).code(), "follower");
            follower.start();
            assertTrue(polling.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "a poll reached the server");
            follower.interrupt();
            follower.join(Await.DEADLINE.toMillis());
            assertEquals(0, code[0], cli.err());
            assertEquals("", cli.err());
        } finally {
            never.countDown();
            hanging.stop(0);
        }
    }

    static String eventNames(String jsonl) {
        StringBuilder names = new StringBuilder();
        for (String line : jsonl.split("\n")) {
            int at = line.indexOf("\"event\":\"");
            if (at >= 0) {
                int start = at + 9;
                names.append(names.length() == 0 ? "" : " ").append(line, start, line.indexOf('"', start));
            }
        }
        return names.toString();
    }

    private CliRunner.Result logs(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "logs";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--server";
        all[args.length + 2] = url();
        return new CliRunner(home).run(all);
    }

    private String url() {
        return server.server().uri().toString();
    }
}
