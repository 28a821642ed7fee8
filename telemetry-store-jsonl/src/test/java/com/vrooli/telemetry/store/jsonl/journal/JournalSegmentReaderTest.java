package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a journal segment in one pass through a reusable buffer: chunk boundaries, big records, torn tails. */
class JournalSegmentReaderTest {

    @TempDir
    Path dir;

    /** One part as the reader handed it out, copied (the reader's view is valid only during the call). */
    private record Seen(long seq, String scenario, long position, String lines, long linesOffset) {
    }

    private static ByteBuffer lines(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records of growing size: the last ones are bigger than the smallest chunks. */
    private static List<JournalRecord> records() {
        List<JournalRecord> out = new ArrayList<>();
        for (int seq = 1; seq <= 12; seq++) {
            String line = "{\"n\":" + seq + ",\"pad\":\"" + "x".repeat(seq * seq * 3) + "\"}\n";
            out.add(new JournalRecord(seq, List.of(
                    new JournalRecord.Part("app", seq * 1000L, lines(line)),
                    JournalRecord.Part.rotated("other"),
                    new JournalRecord.Part("b-" + seq, 0, lines(line + line)))));
        }
        return out;
    }

    private Path write(List<JournalRecord> records, byte[] tail) throws IOException {
        Path file = dir.resolve(JournalSegment.fileName(1));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (JournalRecord r : records) {
                ch.write(r.encode());
            }
            ch.write(ByteBuffer.wrap(tail));
        }
        return file;
    }

    private static List<Seen> readAll(JournalSegmentReader reader, List<Long> seqs) throws IOException {
        List<Seen> seen = new ArrayList<>();
        long seq;
        while ((seq = reader.next((s, scenario, position, lines, offset) -> seen.add(new Seen(s, scenario, position,
                StandardCharsets.UTF_8.decode(lines.duplicate()).toString(), offset)))) >= 0) {
            seqs.add(seq);
        }
        return seen;
    }

    private static List<Seen> expected(List<JournalRecord> records) {
        List<Seen> out = new ArrayList<>();
        for (JournalRecord r : records) {
            for (JournalRecord.Part p : r.parts()) {
                out.add(new Seen(r.seq(), p.scenario(), p.position(),
                        StandardCharsets.UTF_8.decode(p.lines().duplicate()).toString(), -1));
            }
        }
        return out;
    }

    private static List<Seen> withoutOffsets(List<Seen> seen) {
        return seen.stream().map(s -> new Seen(s.seq(), s.scenario(), s.position(), s.lines(), -1)).toList();
    }

    @ParameterizedTest(name = "chunk of {0} bytes")
    @ValueSource(ints = {16, 61, 256, 4096, JournalSegmentReader.CHUNK})
    @DisplayName("every record is read once, in order, whatever the chunk size, records bigger than a chunk included")
    void readsEveryRecordAcrossChunkBoundaries(int chunk) throws IOException {
        Path file = write(records(), new byte[0]);
        byte[] bytes = Files.readAllBytes(file);
        List<Long> seqs = new ArrayList<>();
        try (JournalSegmentReader reader = JournalSegmentReader.open(file, chunk)) {
            List<Seen> seen = readAll(reader, seqs);

            assertEquals(expected(records()), withoutOffsets(seen));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), seqs);
            assertEquals(bytes.length, reader.intactEnd());
            for (Seen s : seen) {
                byte[] atOffset = Arrays.copyOfRange(bytes, (int) s.linesOffset(),
                        (int) s.linesOffset() + s.lines().getBytes(StandardCharsets.UTF_8).length);
                assertArrayEquals(s.lines().getBytes(StandardCharsets.UTF_8), atOffset,
                        "the offset finds the lines again in the file");
            }
            assertFalse(reader.cutTornTail(), "nothing after the records");
        }
        assertEquals(bytes.length, Files.size(file));
    }

    @ParameterizedTest(name = "chunk of {0} bytes")
    @ValueSource(ints = {16, 300, JournalSegmentReader.CHUNK})
    @DisplayName("a record cut short ends the segment; cutting it off reports a torn tail")
    void tornLastRecord(int chunk) throws IOException {
        List<JournalRecord> all = records();
        ByteBuffer last = all.get(all.size() - 1).encode();
        byte[] torn = Arrays.copyOf(last.array(), last.limit() - 7);
        Path file = write(all.subList(0, all.size() - 1), torn);
        long intact = Files.size(file) - torn.length;
        List<Long> seqs = new ArrayList<>();
        try (JournalSegmentReader reader = JournalSegmentReader.open(file, chunk)) {
            assertEquals(expected(all.subList(0, all.size() - 1)), withoutOffsets(readAll(reader, seqs)));
            assertEquals(intact, reader.intactEnd());
            assertTrue(reader.cutTornTail());
        }
        assertEquals(intact, Files.size(file));
    }

    @ParameterizedTest(name = "chunk of {0} bytes")
    @ValueSource(ints = {16, JournalSegmentReader.CHUNK})
    @DisplayName("zeros after the records are reserved space, not a torn record: cut off without counting")
    void reservedZeros(int chunk) throws IOException {
        Path file = write(records(), new byte[10_000]);
        try (JournalSegmentReader reader = JournalSegmentReader.open(file, chunk)) {
            assertEquals(expected(records()), withoutOffsets(readAll(reader, new ArrayList<>())));
            assertFalse(reader.cutTornTail());
            assertEquals(reader.intactEnd(), Files.size(file));
        }
    }

    @ParameterizedTest(name = "flipped byte {0} of the fifth record")
    @ValueSource(ints = {0, 5, 9, 20, 40})
    @DisplayName("a damaged record in the middle ends the segment there: nothing after it is handed out")
    void damagedRecordInTheMiddle(int flipped) throws IOException {
        List<JournalRecord> all = records();
        Path file = write(all, new byte[0]);
        int fifth = 0;
        for (JournalRecord r : all.subList(0, 4)) {
            fifth += r.framedSize();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[fifth + flipped] ^= 0x40;
        Files.write(file, bytes);
        try (JournalSegmentReader reader = JournalSegmentReader.open(file, 64)) {
            assertEquals(expected(all.subList(0, 4)), withoutOffsets(readAll(reader, new ArrayList<>())));
            assertEquals(fifth, reader.intactEnd());
        }
    }
}
