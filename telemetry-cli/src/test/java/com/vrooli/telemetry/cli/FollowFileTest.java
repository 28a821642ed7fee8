package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs --follow --file} like {@code tail -F}: a bundle's file read without a SCENARIO,
 * followed through a truncation and a replacement by rename, each event printed exactly once.
 */
class FollowFileTest {

    @TempDir
    Path home;

    @Test
    @DisplayName("truncated, replaced by a rename, moved away and created again: the follower goes on with the new"
            + " content, no duplicates")
    void truncateAndReplace() throws Exception {
        Path file = home.resolve("deployment-telemetry.jsonl");
        Files.writeString(file, line("2025-01-15T12:00:00Z", "one") + line("2025-01-15T12:00:01Z", "two"));
        CliRunner cli = new CliRunner(home);
        int[] code = {-1};
        Thread follower = new Thread(() -> code[0] = cli.run("logs", "--follow", "--format", "jsonl", "--file",
                file.toString()).code(), "follower");
        follower.start();
        try {
            Await.until("the first lines", () -> names(cli.out()).equals("one two"));
            Files.writeString(file, line("2025-01-15T12:00:02Z", "three"), StandardOpenOption.APPEND);
            Await.until("the appended line", () -> names(cli.out()).equals("one two three"));

            Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(file, line("2025-01-15T13:00:00Z", "after_truncate"), StandardOpenOption.APPEND);
            Await.until("the line after the truncation", () -> names(cli.out()).endsWith("after_truncate"));

            Path next = home.resolve("deployment-telemetry.jsonl.tmp");
            Files.writeString(next, line("2025-01-15T14:00:00Z", "replaced_one")
                    + line("2025-01-15T14:00:01Z", "replaced_two"));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Await.until("the replacement's lines", () -> names(cli.out()).endsWith("replaced_two"));
            Files.writeString(file, line("2025-01-15T14:00:02Z", "appended_after"), StandardOpenOption.APPEND);
            Await.until("a line appended to the replacement", () -> names(cli.out()).endsWith("appended_after"));

            Files.move(file, home.resolve("deployment-telemetry.jsonl.1"));
            Await.until("the move to be noticed", () -> cli.err().split("truncated or replaced", -1).length == 4);
            Files.writeString(file, line("2025-01-15T15:00:00Z", "recreated"));
            Await.until("the line of the file created again", () -> names(cli.out()).endsWith("recreated"));
        } finally {
            follower.interrupt();
            follower.join(Await.DEADLINE.toMillis());
        }

        assertEquals(0, code[0]);
        assertEquals("one two three after_truncate replaced_one replaced_two appended_after recreated",
                names(cli.out()));
        assertEquals(true, cli.err().contains(file + " was truncated or replaced; following it from its start"),
                cli.err());
    }

    @Test
    @DisplayName("without SCENARIO, a runtime's lines (no scenario, ts, service_id) are the file's events")
    void runtimeFileWithoutScenario() throws IOException {
        Path file = home.resolve("deployment-telemetry.jsonl");
        Files.writeString(file, "{\"ts\":\"2025-01-15T14:25:00.123456789Z\",\"event\":\"dependency_unreachable\","
                + "\"service_id\":\"api\",\"details\":{\"dependency\":\"sqlite\"}}\n"
                + "{\"ts\":\"2025-01-15T14:26:00Z\",\"event\":\"ready\"}\n");

        CliRunner.Result table = new CliRunner(home).run("logs", "--file", file.toString());
        CliRunner.Result jsonl = new CliRunner(home).run("logs", "--file", file.toString(), "--format", "jsonl",
                "--level", "error");

        assertEquals(0, table.code(), table.err());
        assertEquals("TIME                            LEVEL  EVENT                   DEPLOYMENT  DETAILS\n"
                + "2025-01-15T14:25:00.123456789Z  error  dependency_unreachable  -           service_id=api"
                + " dependency=sqlite\n"
                + "2025-01-15T14:26:00Z            info   ready                   -\n", table.out());
        assertEquals("", table.err());
        assertEquals("{\"ts\":\"2025-01-15T14:25:00.123456789Z\",\"scenario\":\"deployment-telemetry\","
                + "\"event\":\"dependency_unreachable\",\"details\":{\"service_id\":\"api\",\"dependency\":\"sqlite\"}}\n",
                jsonl.out());
    }

    @Test
    @DisplayName("without SCENARIO and without --file is a usage error")
    void scenarioRequiredElsewhere() {
        CliRunner.Result r = new CliRunner(home).run("logs", "--server", "http://127.0.0.1:1");

        assertEquals(2, r.code());
        assertEquals("telemetry: give a SCENARIO (it may be left out only with --file)\n", r.err());
    }

    private static String line(String ts, String event) {
        return "{\"ts\":\"" + ts + "\",\"event\":\"" + event + "\"}\n";
    }

    private static String names(String jsonl) {
        return LogsCommandTest.eventNames(jsonl);
    }
}
