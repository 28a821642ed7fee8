package com.vrooli.telemetry.store.jsonl.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.vrooli.telemetry.store.jsonl.StoreTestSupport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward and backward line readers agree on every file shape. */
class LineReadersTest {

    private final Path file = StoreTestSupport.jimfsDir().resolveSibling("lines.txt");

    private static final int MAX_LINE = 200_000;

    private List<String> forward(String content) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            LineScanner s = new LineScanner(ch, 0, ch.size(), MAX_LINE);
            while (s.advance()) {
                out.add(s.oversized() ? "<oversized>" : shown(s.buffer(), s.lineOffset(), s.lineLength()));
            }
            long expectedEnd = content.lastIndexOf('\n') + 1;
            assertEquals(expectedEnd, s.wholeLinesEnd());
        }
        return out;
    }

    private List<String> backward(String content) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader r = new ReverseLineReader(ch, ch.size(), MAX_LINE);
            while (r.advance()) {
                out.add(r.oversized() ? "<oversized>" : shown(r.buffer(), r.lineOffset(), r.lineLength()));
            }
            assertFalse(r.advance());
        }
        Collections.reverse(out);
        return out;
    }

    /** The line, or its length and a digest when it is too long to print in a failure message. */
    private static String shown(byte[] buf, int offset, int length) {
        String line = new String(buf, offset, length, StandardCharsets.UTF_8);
        return length <= 200 ? line : "<" + length + " bytes #" + line.hashCode() + ">";
    }

    private static String shown(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return shown(bytes, 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "a\n", "a\nb\n", "a\nb", "no newline at all", "\n\nx\n\n", "a\r\nb\r\n"})
    @DisplayName("whole lines only, in both directions")
    void smallFiles(String content) throws IOException {
        List<String> expected = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                expected.add(content.substring(start, i));
                start = i + 1;
            }
        }
        assertEquals(expected, forward(content));
        assertEquals(expected, backward(content));
    }

    @Test
    @DisplayName("lines spanning chunks and many chunks are read whole")
    void chunkBoundaries() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line = "line-" + i + "-" + "z".repeat(i % 97 == 0 ? 70_000 : i % 50);
            expected.add(shown(line));
            sb.append(line).append('\n');
        }
        assertEquals(expected, forward(sb.toString()));
        assertEquals(expected, backward(sb.toString()));
    }

    @Test
    @DisplayName("a line longer than the maximum is reported without its bytes and reading goes on")
    void oversizedLines() throws IOException {
        String justFits = "f".repeat(MAX_LINE);
        String huge = "h".repeat(MAX_LINE + 1);
        String content = "first\n" + huge + "\n" + justFits + "\nlast\n" + huge;
        List<String> expected = List.of("first", "<oversized>", shown(justFits), "last");

        assertEquals(expected, forward(content));
        assertEquals(expected, backward(content));
    }

    @Test
    @DisplayName("reading backward from a line boundary inside the file starts at the line before it")
    void backwardFromAnOffset() throws IOException {
        Files.write(file, "a\nbb\nccc\n".getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader r = new ReverseLineReader(ch, 5, MAX_LINE);
            List<Long> starts = new ArrayList<>();
            while (r.advance()) {
                starts.add(r.lineStart());
            }
            assertEquals(List.of(2L, 0L), starts);
        }
    }

    @Test
    @DisplayName("a cursor started where another says to resume returns the same line, or the next one")
    void resumeOffsets() throws IOException {
        Files.write(file, "a\nbb\nccc\n".getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            assertEquals(List.of("a|a|bb", "bb|bb|ccc", "ccc|ccc|-"), resumed(ch, true));
            assertEquals(List.of("ccc|ccc|bb", "bb|bb|a", "a|a|-"), resumed(ch, false));
        }
    }

    /**
     * For each line: the line, the first line of a cursor at its {@code resumeAtLine()}, and the
     * first line of a cursor at its {@code resumeAfterLine()} ("-" for -1).
     */
    private static List<String> resumed(FileChannel ch, boolean forward) throws IOException {
        LineCursor c = cursor(ch, forward, forward ? 0 : ch.size());
        List<String> out = new ArrayList<>();
        while (c.advance()) {
            long after = c.resumeAfterLine();
            out.add(line(c) + "|" + firstLine(ch, forward, c.resumeAtLine()) + "|"
                    + (after < 0 ? "-" : firstLine(ch, forward, after)));
        }
        return out;
    }

    private static LineCursor cursor(FileChannel ch, boolean forward, long from) throws IOException {
        return forward ? new LineScanner(ch, from, ch.size(), MAX_LINE) : new ReverseLineReader(ch, from, MAX_LINE);
    }

    private static String firstLine(FileChannel ch, boolean forward, long from) throws IOException {
        LineCursor c = cursor(ch, forward, from);
        return c.advance() ? line(c) : "<none>";
    }

    private static String line(LineCursor c) {
        return shown(c.buffer(), c.lineOffset(), c.lineLength());
    }
}
