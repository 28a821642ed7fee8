package com.vrooli.telemetry.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.FixedAnswerServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing an event, a file or a server holds reaches the terminal raw: control characters in
 * detail keys and values and in error messages are printed escaped and visible, and a
 * value's newline never becomes a row.
 */
class TerminalSafetyTest {

    @TempDir
    Path home;

    /** Each hostile text and how a table shows it (as Java literals, so the rows stay readable). */
    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("clear screen (ESC [2J)", "\u001b[2Jx", "\\x1b[2Jx"),
                Arguments.of("window title (OSC ... BEL)", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"),
                Arguments.of("bell", "ding\u0007", "ding\\x07"),
                Arguments.of("8-bit CSI U+009B", "\u009b31mred", "\\u009b31mred"),
                Arguments.of("C1 next line U+0085", "a\u0085b", "a\\u0085b"),
                Arguments.of("newline: a fake row", "ok\n2025-01-01T00:00:00Z  error  crash",
                        "ok\\n2025-01-01T00:00:00Z  error  crash"),
                Arguments.of("carriage return overwrites", "real\rfake", "real\\rfake"),
                Arguments.of("tab", "a\tb", "a\\tb"),
                Arguments.of("NUL", "a\u0000b", "a\\x00b"),
                Arguments.of("DEL", "a\u007fb", "a\\x7fb"),
                Arguments.of("bidi override U+202E", "abc\u202edef", "abc\\u202edef"),
                Arguments.of("line separator U+2028", "a\u2028b", "a\\u2028b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    @DisplayName("a hostile detail key or value is shown escaped, in one row")
    void hostileTable(String name, String hostile, String shown) throws IOException {
        Path file = write(TelemetryEvent.of(Instant.parse("2025-01-15T12:00:00Z"), "picker-wheel", "crash",
                Map.of("k" + hostile, "v" + hostile)));

        CliRunner.Result r = new CliRunner(home).run("logs", "--file", file.toString(), "--format", "table");

        assertEquals(0, r.code(), r.err());
        assertSafe(r.out());
        String[] lines = r.out().split("\n", -1);
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[1].contains("k" + shown + "="), lines[1]);
        assertTrue(lines[1].contains("v" + shown) || lines[1].contains("v" + shown.replace("\\", "\\\\")), lines[1]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"json", "jsonl"})
    @DisplayName("json and jsonl escape what JSON may carry raw (DEL, C1, bidi, separators) and stay one event a line")
    void hostileJson(String format) throws IOException {
        String hostile = "\u001b[2J\u0007\u009b31m\u0085\u007f\u202e\u2028\n";
        Path file = write(TelemetryEvent.of(Instant.parse("2025-01-15T12:00:00Z"), "picker-wheel", "crash",
                Map.of("k" + hostile, "v" + hostile)));

        CliRunner.Result r = new CliRunner(home).run("logs", "--file", file.toString(), "--format", format);

        assertEquals(0, r.code(), r.err());
        assertSafe(r.out());
        assertEquals(1, r.out().split("\n").length, r.out());
        assertTrue(r.out().contains("\\u009b31m\\u0085\\u007f\\u202e\\u2028"), r.out());
    }

    @Test
    @DisplayName("an error answer's words are escaped too: a hostile server cannot write to the terminal")
    void hostileServerMessage() {
        byte[] body = "{\"status\":\"error\",\"error\":\"boom\\u001b]0;pwned\\u0007\\u009b2J\"}".getBytes(UTF_8);
        try (FixedAnswerServer server = new FixedAnswerServer(500, Map.of("Content-Type", "application/json"), body)) {
            CliRunner.Result r = new CliRunner(home).run("summary", "--server", server.url());

            assertEquals(1, r.code());
            assertSafe(r.err());
            assertEquals("telemetry: the telemetry server at " + server.url()
                    + " answered 500: boom\\x1b]0;pwned\\x07\\u009b2J\n", r.err());
        }
    }

    @Test
    @DisplayName("table headers and cells are escaped before they are measured and cut")
    void formatter() {
        TableFormatter table = new TableFormatter(List.of(TableFormatter.Column.left("A\u001b", 20),
                TableFormatter.Column.left("B", 8)), false);

        assertEquals("A\\x1b     B\n"
                + "x\\ny\\x07  \\u009...\n", table.render(List.of(List.of("x\ny\u0007", "\u009b[31mlong"))));
    }

    private Path write(TelemetryEvent e) throws IOException {
        Path file = home.resolve("hostile.jsonl");
        Files.write(file, EventLineCodec.encode(e));
        return file;
    }

    /** No character a terminal acts on, except the newlines that end lines. */
    private static void assertSafe(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertTrue(c == '\n' || !TerminalText.isUnsafe(c), "raw U+" + Integer.toHexString(c) + " at " + i
                    + " in " + out);
        }
    }
}
