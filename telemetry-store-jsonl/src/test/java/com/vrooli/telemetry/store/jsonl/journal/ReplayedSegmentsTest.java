package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replayed segments are renamed out of the journal at once and deleted behind the open, never replayed again. */
class ReplayedSegmentsTest {

    private static final String LINE = "{\"ts\":\"2026-12-01T00:00:00Z\",\"scenario\":\"app\",\"event\":\"crash\"}\n";

    @TempDir
    Path dir;

    private Path segment(String fileName, JournalRecord... records) throws IOException {
        Files.createDirectories(dir.resolve(Journal.DIRECTORY));
        Path path = dir.resolve(Journal.DIRECTORY).resolve(fileName);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (JournalRecord r : records) {
                ch.write(r.encode());
            }
        }
        return path;
    }

    private static JournalRecord record(long seq, long position) {
        return new JournalRecord(seq, List.of(new JournalRecord.Part("app", position,
                ByteBuffer.wrap(LINE.getBytes(StandardCharsets.UTF_8)))));
    }

    private List<String> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(Journal.DIRECTORY))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("a replayed segment is renamed out of the journal: a second replay ignores it and lists it for deletion")
    void renamedNotReplayedAgain() throws IOException {
        Files.writeString(dir.resolve("app.jsonl"), "");
        segment(JournalSegment.fileName(1), record(1, 0));

        JournalReplay.Outcome first = JournalReplay.replay(dir);

        assertEquals(1, first.partsWritten());
        assertEquals(LINE, Files.readString(dir.resolve("app.jsonl")));
        String renamed = JournalSegment.fileName(1) + JournalReplay.REPLAYED;
        assertEquals(List.of(renamed), journalFiles());
        assertEquals(List.of(dir.resolve(Journal.DIRECTORY).resolve(renamed)), first.replayed());

        // Were the renamed segment replayed again, its part would come back into the emptied file.
        Files.writeString(dir.resolve("app.jsonl"), "");
        JournalReplay.Outcome second = JournalReplay.replay(dir);

        assertEquals(0, second.records());
        assertEquals(0, second.partsWritten());
        assertEquals("", Files.readString(dir.resolve("app.jsonl")));
        assertEquals(1, second.nextSegment(), "a renamed segment holds no number");
        assertEquals(first.replayed(), second.replayed(), "the leftover is listed for deletion");
        ReplayedSegments.delete(second.replayed());
        assertEquals(List.of(), journalFiles());
    }

    @Test
    @DisplayName("a segment replayed again under the name of a leftover replaces it, listed once")
    void leftoverOfTheSameName() throws IOException {
        Files.writeString(dir.resolve("app.jsonl"), "");
        segment(JournalSegment.fileName(1) + JournalReplay.REPLAYED, record(7, 0), record(8, LINE.length()));
        segment(JournalSegment.fileName(1), record(1, 0));

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals(1, outcome.records(), "only the live segment is read");
        assertEquals(LINE, Files.readString(dir.resolve("app.jsonl")));
        assertEquals(1, outcome.replayed().size());
        assertEquals(record(1, 0).encode().remaining(), Files.size(outcome.replayed().get(0)),
                "the renamed file is the replayed segment, not the leftover of two records");
    }

    @Test
    @DisplayName("a store deletes replayed segments behind its open, and the leftovers of an earlier open, by its close")
    void storeDeletesThemByClose() throws IOException {
        Files.writeString(dir.resolve("app.jsonl"), "");
        segment(JournalSegment.fileName(3), record(5, 0));
        segment(JournalSegment.fileName(2) + JournalReplay.REPLAYED, record(1, 0), record(2, LINE.length()));

        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).open()) {
            assertEquals(1, store.summary("app").orElseThrow().totalEvents(), "the leftover was not replayed");
        }

        assertFalse(journalFiles().stream().anyMatch(f -> f.endsWith(JournalReplay.REPLAYED)), journalFiles().toString());
        assertEquals(LINE, Files.readString(dir.resolve("app.jsonl")));
        assertTrue(journalFiles().stream().allMatch(f -> JournalSegment.number(f) >= 0));
    }
}
