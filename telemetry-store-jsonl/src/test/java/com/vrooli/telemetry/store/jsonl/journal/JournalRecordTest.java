package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    /** The parts the reader hands out, each as "seq scenario position lines". */
    private static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (JournalSegmentReader reader = JournalSegmentReader.open(file)) {
            while (reader.next((seq, scenario, position, lines, offset) -> out.add(seq + " " + scenario + " " + position
                    + " " + StandardCharsets.UTF_8.decode(lines.duplicate()))) >= 0) {
                // each record's parts were added
            }
        }
        return out;
    }

    @Test
    @DisplayName("a record reads back as written: sequence, scenarios, positions, lines and markers")
    void roundTrip() throws IOException {
        Path file = write(record(7), record(8));

        assertEquals(List.of("7 app 120 {\"a\":1}\n{\"a\":2}\n", "7 other -1 ", "7 third.x 0 {\"b\":1}\n",
                "8 app 120 {\"a\":1}\n{\"a\":2}\n", "8 other -1 ", "8 third.x 0 {\"b\":1}\n"), read(file));
        assertEquals(Files.size(file), record(7).framedSize() + record(8).framedSize());
    }

    @Test
    @DisplayName("a flipped byte or a record cut short is not a record")
    void corruptOrShort() throws IOException {
        Path file = write(record(1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        assertEquals(List.of(), read(file), "checksum catches the flipped byte");

        Files.write(file, java.util.Arrays.copyOf(record(1).encode().array(), record(1).framedSize() - 1));
        assertEquals(List.of(), read(file), "a record cut short");
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
