package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** The journal's record format: framing, checksum, torn tails. */
class JournalRecordTest {

    @TempDir
    Path dir;

    private static ByteBuffer lines(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JournalRecord record(long seq) {
        return new JournalRecord(seq, List.of(
                new JournalRecord.Part("app", 120, lines("{\"a\":1}\n{\"a\":2}\n")),
                JournalRecord.Part.rotated("other"),
                new JournalRecord.Part("third.x", 0, lines("{\"b\":1}\n"))));
    }

    private Path write(JournalRecord... records) throws IOException {
        Path file = dir.resolve(JournalSegment.fileName(1));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (JournalRecord r : records) {
                ch.write(r.encode());
            }
        }
        return file;
    }

    @Test
    @DisplayName("a record reads back as written: sequence, scenarios, positions, lines and markers")
    void roundTrip() throws IOException {
        Path file = write(record(7), record(8));
        try (FileChannel ch = FileChannel.open(file)) {
            JournalRecord first = JournalRecord.read(ch, 0, ch.size());
            JournalRecord second = JournalRecord.read(ch, first.framedSize(), ch.size());
            assertEquals(7, first.seq());
            assertEquals(8, second.seq());
            assertEquals(3, first.parts().size());
            assertEquals("app", first.parts().get(0).scenario());
            assertEquals(120, first.parts().get(0).position());
            assertEquals(lines("{\"a\":1}\n{\"a\":2}\n"), first.parts().get(0).lines());
            assertEquals(true, first.parts().get(1).marker());
            assertEquals(ch.size(), first.framedSize() + second.framedSize());
            assertNull(JournalRecord.read(ch, ch.size(), ch.size()), "nothing after the last record");
        }
    }

    @Test
    @DisplayName("a flipped byte or a record cut short is not a record")
    void corruptOrShort() throws IOException {
        Path file = write(record(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        try (FileChannel ch = FileChannel.open(file)) {
            assertNull(JournalRecord.read(ch, 0, ch.size()), "checksum catches the flipped byte");
            assertNull(JournalRecord.read(ch, 0, ch.size() - 1), "a record cut short");
        }
    }

    @Test
    @DisplayName("replay never writes beyond a scenario file's end (a copy whose file is older than its journal)")
    void partBeyondTheEndIsSkipped() throws IOException {
        Files.createDirectories(dir.resolve(Journal.DIRECTORY));
        Files.writeString(dir.resolve("app.jsonl"), "{\"a\":1}\n");
        try (FileChannel ch = FileChannel.open(dir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(1)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(new JournalRecord(1, List.of(new JournalRecord.Part("app", 100, lines("{\"a\":9}\n")))).encode());
        }

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals(1, outcome.partsSkipped());
        assertEquals(0, outcome.partsWritten());
        assertEquals("{\"a\":1}\n", Files.readString(dir.resolve("app.jsonl")), "no hole of zeros");
    }

    @Test
    @DisplayName("replay cuts a torn journal tail and starts the next journal after the last whole record")
    void tornTailIsCut() throws IOException {
        Files.createDirectories(dir.resolve(Journal.DIRECTORY));
        Path segment = dir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(4));
        JournalRecord whole = new JournalRecord(9, List.of(new JournalRecord.Part("app", 0, lines("{\"a\":1}\n"))));
        ByteBuffer torn = new JournalRecord(10, List.of(new JournalRecord.Part("app", 8, lines("{\"a\":2}\n"))))
                .encode();
        torn.limit(torn.limit() - 4);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(whole.encode());
            ch.write(torn);
        }

        JournalReplay.Outcome outcome = JournalReplay.replay(dir);

        assertEquals(1, outcome.tornTails());
        assertEquals(1, outcome.records());
        assertEquals(5, outcome.nextSegment());
        assertEquals(10, outcome.nextSeq(), "the torn record's sequence is taken again");
        assertEquals("{\"a\":1}\n", Files.readString(dir.resolve("app.jsonl")));
        assertEquals(false, Files.exists(segment), "replayed segments are deleted");
    }
}
