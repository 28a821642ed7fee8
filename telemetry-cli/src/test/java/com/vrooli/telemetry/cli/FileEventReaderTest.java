package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.http.QueryEndpointsTest;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CLI's file reader (the store's JsonlFileSource) on jimfs: summaries, foreign cursors, skipped
 * lines. Paging and filters are {@link LogSourceContract}'s ({@link FileLogSourceTest}).
 */
class FileEventReaderTest {

    private FileSystem fs;
    private Path file;
    private FileEventReader reader;

    @BeforeEach
    void setUp() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        file = fs.getPath("/data/picker-wheel.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, LogsFromFileTest.storedLines(QueryEndpointsTest.EVENTS));
        reader = new FileEventReader(file, "picker-wheel");
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    @Test
    @DisplayName("summaries aggregate every scenario in the file")
    void summaries() {
        assertEquals(List.of("picker-wheel:6", "shared-auth:1"), reader.summaries().stream()
                .map(s -> s.scenario() + ":" + s.totalEvents()).collect(Collectors.toList()));
        assertEquals(2, reader.summary("picker-wheel").orElseThrow().failureCounts().size());
        assertEquals(false, reader.summary("ghost").isPresent());
    }

    @Test
    @DisplayName("a cursor the reader did not issue is an invalid query")
    void foreignCursor() {
        assertThrows(InvalidQueryException.class, () -> reader.query(EventQuery.builder("picker-wheel")
                .cursor("n3").build()));
        assertThrows(InvalidQueryException.class, () -> reader.query(EventQuery.builder("picker-wheel")
                .order(EventQuery.Order.OLDEST_FIRST).cursor("b12").build()));
    }

    @Test
    @DisplayName("bad lines are skipped and counted once across scans; blank lines are ignored")
    void skippedLines() throws IOException {
        Files.write(file, ("\n   \n{oops\n" + new String(LogsFromFileTest.storedLines(QueryEndpointsTest.EVENTS),
                java.nio.charset.StandardCharsets.UTF_8) + "[1]\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        reader.summaries();
        EventPage page = reader.query(EventQuery.builder("picker-wheel").build());

        assertEquals(6, page.events().size());
        String warning = reader.warning().orElseThrow();
        assertEquals(true, warning.startsWith("skipped 2 line(s) that are not events (first: line at byte 5: "),
                warning);
    }

    @Test
    @DisplayName("a complete last line without its newline is read")
    void lastLineWithoutNewline() throws IOException {
        byte[] lines = LogsFromFileTest.storedLines(QueryEndpointsTest.EVENTS);
        Files.write(file, java.util.Arrays.copyOf(lines, lines.length - 1));

        assertEquals(1, reader.summary("shared-auth").orElseThrow().totalEvents());
        assertEquals(java.util.Optional.empty(), reader.warning());
    }
}
