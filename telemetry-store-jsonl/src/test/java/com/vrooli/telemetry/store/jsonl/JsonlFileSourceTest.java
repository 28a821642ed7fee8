package com.vrooli.telemetry.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.query.QueryCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file read on its own: a bundle runtime's lines, tail-only newest pages, cursors of a changed file. */
class JsonlFileSourceTest {

    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    @DisplayName("a runtime's lines (no scenario, ts with nanoseconds, top-level service_id) belong to the file's scenario")
    void runtimeLines() throws IOException {
        Path file = dir.resolve("deployment-telemetry.jsonl");
        Files.writeString(file, "{\"ts\":\"2025-01-15T14:25:00.123456789Z\",\"event\":\"dependency_unreachable\","
                + "\"service_id\":\"api\",\"details\":{\"dependency\":\"sqlite\"}}\n"
                + "{\"timestamp\":\"2025-01-15T14:26:00Z\",\"event\":\"ready\"}\n"
                + "{\"ts\":\"2025-01-15T14:27:00Z\",\"scenario\":\"other\",\"event\":\"ready\"}\n");

        JsonlFileSource picker = JsonlFileSource.builder(file).fileScenario("picker-wheel").build();
        List<TelemetryEvent> events = picker.query(EventQuery.builder("picker-wheel")
                .order(EventQuery.Order.OLDEST_FIRST).build()).events();

        assertEquals(2, events.size());
        assertEquals("picker-wheel", events.get(0).scenario());
        assertEquals(Instant.parse("2025-01-15T14:25:00.123456789Z"), events.get(0).timestamp());
        assertEquals(Map.of("service_id", "api", "dependency", "sqlite"), events.get(0).details().asMap());
        assertEquals("ready", events.get(1).event());
        assertEquals(0, picker.skippedLines());

        JsonlFileSource every = JsonlFileSource.builder(file).everyScenario(true).build();
        assertEquals("deployment-telemetry deployment-telemetry other", every.query(EventQuery.builder("x").build())
                .events().stream().map(TelemetryEvent::scenario).sorted().collect(Collectors.joining(" ")));
        assertEquals(List.of("deployment-telemetry", "other"), every.summaries().stream()
                .map(s -> s.scenario()).collect(Collectors.toList()));
    }

    @Test
    @DisplayName("a line without any timestamp is not an event: skipped, counted, named")
    void lineWithoutTimestamp() throws IOException {
        Path file = dir.resolve("f.jsonl");
        Files.writeString(file, "{\"event\":\"ready\"}\n");

        JsonlFileSource source = JsonlFileSource.builder(file).build();

        assertEquals(List.of(), source.query(EventQuery.builder("f").build()).events());
        assertEquals(1, source.skippedLines());
        assertEquals("line at byte 0: timestamp is required", source.firstSkipReason().orElseThrow());
    }

    @Test
    @DisplayName("the newest page of a large file reads only its tail, and pages back through the store's cursor")
    void newestPageReadsTheTail() throws IOException {
        Path file = dir.resolve("big.jsonl");
        int n = 100_000;
        Files.write(file, lines(0, n));
        long size = Files.size(file);

        JsonlFileSource source = JsonlFileSource.builder(file).build();
        EventPage page = source.query(EventQuery.builder("s").limit(10).build());

        assertEquals(List.of(99_999, 99_998, 99_997, 99_996, 99_995, 99_994, 99_993, 99_992, 99_991, 99_990),
                numbers(page.events()));
        assertTrue(source.bytesRead() < 200_000, "read " + source.bytesRead() + " of " + size + " bytes");
        assertNotNull(QueryCursor.decode(page.nextCursor(), EventQuery.Order.NEWEST_FIRST));

        EventPage next = source.query(EventQuery.builder("s").limit(3).cursor(page.nextCursor()).build());
        assertEquals(List.of(99_989, 99_988, 99_987), numbers(next.events()));
    }

    @Test
    @DisplayName("a cursor into a file truncated or replaced since is stale; one into a file that only grew goes on")
    void cursorOfAChangedFile() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.write(file, lines(0, 10));
        JsonlFileSource source = JsonlFileSource.builder(file).build();
        EventQuery first = EventQuery.builder("s").order(EventQuery.Order.OLDEST_FIRST).limit(5).build();
        String cursor = source.query(first).nextCursor();

        Files.write(file, lines(0, 12));
        assertEquals(List.of(5, 6, 7, 8, 9, 10, 11), numbers(source.query(EventQuery.builder("s")
                .order(EventQuery.Order.OLDEST_FIRST).limit(100).cursor(cursor).build()).events()));

        Files.write(file, lines(0, 3));
        assertThrows(InvalidQueryException.class, () -> source.query(first.withCursor(cursor)));

        Path replacement = dir.resolve("s.jsonl.new");
        Files.write(replacement, lines(100, 20));
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThrows(InvalidQueryException.class, () -> source.query(first.withCursor(cursor)));
    }

    @Test
    @DisplayName("a last line without its newline is read when whole, left alone (not counted) when half-written")
    void lastLineWithoutNewline() throws IOException {
        Path file = dir.resolve("s.jsonl");
        byte[] three = lines(0, 3);
        Files.write(file, java.util.Arrays.copyOf(three, three.length - 1));
        JsonlFileSource source = JsonlFileSource.builder(file).build();

        assertEquals(List.of(2, 1, 0), numbers(source.query(EventQuery.builder("s").build()).events()));
        EventPage newest = source.query(EventQuery.builder("s").limit(1).build());
        assertEquals(List.of(2), numbers(newest.events()));
        assertEquals(List.of(1, 0), numbers(source.query(EventQuery.builder("s").cursor(newest.nextCursor())
                .build()).events()));

        Files.write(file, java.util.Arrays.copyOf(three, three.length - 10));
        assertEquals(List.of(0, 1), numbers(source.query(EventQuery.builder("s").order(EventQuery.Order.OLDEST_FIRST)
                .build()).events()));
        assertEquals(0, source.skippedLines());
        Files.write(file, "\n".getBytes(UTF_8), StandardOpenOption.APPEND);
        source.query(EventQuery.builder("s").build());
        assertEquals(1, source.skippedLines());
    }

    @Test
    @DisplayName("a file without events answers an empty page without a cursor")
    void emptyFile() throws IOException {
        Path file = dir.resolve("e.jsonl");
        Files.write(file, new byte[0]);

        EventPage page = JsonlFileSource.builder(file).build().query(EventQuery.builder("s").build());

        assertEquals(List.of(), page.events());
        assertNull(page.nextCursor());
    }

    private static byte[] lines(int from, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < from + count; i++) {
            out.writeBytes(EventLineCodec.encode(TelemetryEvent.of(T0.plusSeconds(i), "s",
                    "tick", Map.of("n", i))));
        }
        return out.toByteArray();
    }

    private static List<Integer> numbers(List<TelemetryEvent> events) {
        return events.stream().map(e -> ((Number) e.details().get("n")).intValue()).collect(Collectors.toList());
    }
}
