package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's curl examples, parsed out of README.md, run in order against one fresh server
 * (the JSONL store in a new directory, as {@code telemetry serve} opens it), each answer compared
 * with the {@code # ...} lines shown under it: {@code # 400 {...}} is a status and a body (200 when
 * no status is shown), {@code # first time: ...} / {@code # second time: ...} run the command
 * again, lines that are not JSON are an excerpt of a text answer (every shown line, in order,
 * {@code ...} skipping), and a command piped to {@code jq .} without answer lines is compared with
 * the {@code ```json} block after it. Cursors are compared as "a cursor of the server's format"
 * (same length and version prefix; a cursor shown is replaced by the server's in later commands),
 * and times as "a time" (histogram buckets and sums of durations). A command this test cannot run fails it, unless {@link #SKIPPED} lists it with a reason.
 */
class ReadmeExamplesTest {

    /**
     * README commands not run, keyed by a text of the command, each with why. Empty today: every
     * curl example of the README runs. A section whose examples need what this server has not
     * (tokens, a second store) is listed here with its reason, never dropped silently.
     */
    static final Map<String, String> SKIPPED = Map.of();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_LABEL = Pattern.compile("^(first|second|third) time:\\s+(.*)$");
    private static final Pattern STATUS = Pattern.compile("^(\\d{3}) (.*)$");
    private static final Pattern CURSOR = Pattern.compile("\"next_cursor\":\"([^\"]+)\"");
    private static final Pattern DURATION = Pattern.compile("^(\\w+_seconds_(?:bucket|sum)(?:\\{[^}]*})?) \\S+$");

    @TempDir
    Path dir;

    private final Map<String, String> cursors = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    @DisplayName("every curl example of README.md answers what the README shows")
    void readmeExamples() {
        List<ReadmeExamples.Command> commands = ReadmeExamples.read(ReadmeExamples.readme());
        assertTrue(commands.size() >= 20, () -> "found only " + commands.size() + " curl examples in README.md");
        ServerMetrics metrics = new ServerMetrics();
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).fsyncListener(metrics.fsyncListener()).open();
             TelemetryServer server = TelemetryServer.builder(store).port(0).metrics(metrics)
                     .clock(Clock.fixed(ServerExtension.NOW, ZoneOffset.UTC)).build().start()) {
            ReadmeShell shell = new ReadmeShell(Map.of("API_PORT", Integer.toString(server.uri().getPort())));
            for (ReadmeExamples.Command c : commands) {
                if (SKIPPED.keySet().stream().noneMatch(c.shell()::contains)) {
                    try {
                        check(c, shell);
                    } catch (RuntimeException e) {
                        failures.add(c + "\n  cannot be run: " + e.getMessage()
                                + " (run it, or list it in ReadmeExamplesTest.SKIPPED with a reason)");
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " README example(s) differ:\n\n"
                + String.join("\n\n", failures));
    }

    private void check(ReadmeExamples.Command c, ReadmeShell shell) {
        List<String> answers = c.answers();
        if (answers.isEmpty()) {
            ReadmeShell.Outcome o = shell.run(withServerCursors(c.shell()));
            if (c.jsonBlock() == null || !o.json()) {
                throw new IllegalArgumentException("no answer is shown for it");
            }
            if (!tree(c.jsonBlock()).equals(tree(o.body()))) {
                failures.add(c + "\n  README:  " + c.jsonBlock() + "\n  server:  " + o.body());
            }
        } else if (RUN_LABEL.matcher(answers.get(0)).matches()) {
            for (String answer : answers) {
                Matcher m = RUN_LABEL.matcher(answer);
                if (!m.matches()) {
                    throw new IllegalArgumentException("answer line without a run label: " + answer);
                }
                checkOne(c, shell, m.group(2));
            }
        } else if (looksLikeJson(answers.get(0))) {
            if (answers.size() > 1) {
                throw new IllegalArgumentException("a JSON answer takes one line");
            }
            checkOne(c, shell, answers.get(0));
        } else {
            checkExcerpt(c, shell.run(withServerCursors(c.shell())));
        }
    }

    /** One run against one answer line: {@code [status ]json[ (commentary)]}. */
    private void checkOne(ReadmeExamples.Command c, ReadmeShell shell, String answer) {
        Matcher s = STATUS.matcher(answer);
        int status = s.matches() ? Integer.parseInt(s.group(1)) : 200;
        String expected = firstJsonValue(s.matches() ? s.group(2) : answer);
        ReadmeShell.Outcome o = shell.run(withServerCursors(c.shell()));
        String actual = learnCursor(expected, o.body());
        if (o.status() != status || !expected.equals(actual)) {
            failures.add(c + "\n  README:  " + status + " " + expected + "\n  server:  " + o.status() + " " + actual);
        }
    }

    /** A text answer: each line shown, in order, is a line of the answer; {@code ...} skips. */
    private void checkExcerpt(ReadmeExamples.Command c, ReadmeShell.Outcome o) {
        List<String> actual = o.body().lines().map(ReadmeExamplesTest::timeAside).toList();
        int at = 0;
        for (String shown : c.answers()) {
            if (shown.equals("...")) {
                continue;
            }
            int found = actual.subList(at, actual.size()).indexOf(timeAside(shown));
            if (found < 0) {
                failures.add(c + "\n  README line not in the answer (or out of order): " + shown
                        + "\n  server:\n" + String.join("\n", actual));
                return;
            }
            at += found + 1;
        }
        if (o.status() != 200) {
            failures.add(c + "\n  status " + o.status());
        }
    }

    private static String timeAside(String metricLine) {
        Matcher m = DURATION.matcher(metricLine);
        return m.matches() ? m.group(1) + " <time>" : metricLine;
    }

    /** The server's cursor written as the README's, remembering which is which for later commands. */
    private String learnCursor(String expected, String actual) {
        Matcher shown = CURSOR.matcher(expected);
        Matcher given = CURSOR.matcher(actual);
        if (shown.find() && given.find()) {
            String readme = shown.group(1);
            String server = given.group(1);
            cursors.put(readme, server);
            // The value depends on the data; its shape (length, format version up front) must be the server's.
            boolean sameShape = readme.length() == server.length() && readme.regionMatches(0, server, 0, 2);
            return sameShape ? actual.replace(server, readme) : actual;
        }
        return actual;
    }

    private String withServerCursors(String shell) {
        String out = shell;
        for (Map.Entry<String, String> e : cursors.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static boolean looksLikeJson(String answer) {
        Matcher s = STATUS.matcher(answer);
        String rest = s.matches() ? s.group(2) : answer;
        return rest.startsWith("{") || rest.startsWith("[");
    }

    /** The JSON value an answer line starts with; what follows it may only be a comment in parentheses. */
    private static String firstJsonValue(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            p.readValueAsTree();
            int end = (int) p.currentLocation().getCharOffset();
            String rest = text.substring(end).strip();
            if (!rest.isEmpty() && !rest.startsWith("(")) {
                throw new IllegalArgumentException("unexpected text after the answer: " + rest);
            }
            return text.substring(0, end);
        } catch (IOException e) {
            throw new IllegalArgumentException("the answer shown is not JSON: " + text, e);
        }
    }

    private static Object tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
