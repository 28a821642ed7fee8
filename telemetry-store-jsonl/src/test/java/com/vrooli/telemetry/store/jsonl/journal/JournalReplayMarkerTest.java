package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass replay: parts compared as read, missing ones written at the end unless a later marker drops them. */
class JournalReplayMarkerTest {

    @TempDir
    Path dir;

    private static ByteBuffer lines(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JournalRecord.Part part(String scenario, long position, String text) {
        return new JournalRecord.Part(scenario, position, lines(text));
    }

    private void segment(long number, JournalRecord... records) throws IOException {
        Files.createDirectories(dir.resolve(Journal.DIRECTORY));
        try (FileChannel ch = FileChannel.open(dir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(number)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (JournalRecord r : records) {
                ch.write(r.encode());
            }
        }
    }

    @Test
    @DisplayName("a marker in the middle drops its scenario's earlier missing parts, not later ones nor other scenarios'")
    void markerInTheMiddle() throws IOException {
        // The old live file of "app" was sealed (marker); its new live file lost its journaled line.
        Files.writeString(dir.resolve("app.jsonl"), "");
        Files.writeString(dir.resolve("other.jsonl"), "{\"o\":1}\n");
        segment(1,
                new JournalRecord(1, List.of(part("app", 0, "{\"old\":1,\"longer\":true}\n"),
                        part("other", 0, "{\"o\":1}\n"))),
                new JournalRecord(2, List.of(part("other", 8, "{\"o\":2}\n"))));
        segment(2,
                new JournalRecord(3, List.of(JournalRecord.Part.rotated("app"))),
                new JournalRecord(4, List.of(part("app", 0, "{\"new\":1}\n"), part("other", 16, "{\"o\":3}\n"))));

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals("{\"new\":1}\n", Files.readString(dir.resolve("app.jsonl")),
                "the sealed file's part is not replayed");
        assertEquals("{\"o\":1}\n{\"o\":2}\n{\"o\":3}\n", Files.readString(dir.resolve("other.jsonl")));
        assertEquals(3, outcome.partsWritten(), "app's new line and other's two missing lines");
        assertEquals(4, outcome.records());
        assertEquals(5, outcome.nextSeq());
        assertEquals(3, outcome.nextSegment());
        assertFalse(Files.exists(dir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(1))));
    }

    @Test
    @DisplayName("parts already in their files are compared, not written; a lost file is created for its missing parts")
    void presentPartsAreNotWrittenAndLostFilesComeBack() throws IOException {
        Files.writeString(dir.resolve("kept.jsonl"), "{\"k\":1}\n{\"k\":2}\n");
        segment(1,
                new JournalRecord(1, List.of(part("kept", 0, "{\"k\":1}\n"), part("lost", 0, "{\"l\":1}\n"))),
                new JournalRecord(2, List.of(part("kept", 8, "{\"k\":2}\n"), part("lost", 8, "{\"l\":2}\n"))));

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals(2, outcome.partsWritten());
        assertEquals("{\"k\":1}\n{\"k\":2}\n", Files.readString(dir.resolve("kept.jsonl")));
        assertEquals("{\"l\":1}\n{\"l\":2}\n", Files.readString(dir.resolve("lost.jsonl")));
    }

    @Test
    @DisplayName("a record written twice (after a failed write) is replayed once, by its first copy")
    void repeatedSequenceIsSkipped() throws IOException {
        Files.writeString(dir.resolve("app.jsonl"), "");
        segment(1,
                new JournalRecord(1, List.of(part("app", 0, "{\"a\":1}\n"))),
                new JournalRecord(1, List.of(part("app", 0, "{\"a\":9}\n"))),
                new JournalRecord(2, List.of(part("app", 8, "{\"a\":2}\n"))));

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals("{\"a\":1}\n{\"a\":2}\n", Files.readString(dir.resolve("app.jsonl")));
        assertEquals(2, outcome.records());
    }
}
