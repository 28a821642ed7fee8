package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpoolReaderTest {

    private final FileSystem fs = SpoolFiles.jimfs();
    private final Path spool = fs.getPath("/spool.jsonl");
    private final SpoolReader reader = new SpoolReader(spool);

    @AfterEach
    void closeFs() throws IOException {
        fs.close();
    }

    @Test
    void aBatchStopsAtTheLineCap() throws IOException {
        byte[] all = SpoolFiles.lines(0, 10);
        Files.write(spool, all);

        SpoolBatch b = reader.readBatch(0, all.length, 4, 1 << 20);

        assertEquals(4, b.lines());
        assertArrayEquals(SpoolFiles.lines(0, 4), b.body());
        assertEquals(b.body().length, b.end());
        assertEquals(SpoolFiles.line(3).length, b.lastLineLength());
        assertEquals(crc(SpoolFiles.line(3)), b.lastLineCrc());
    }

    @Test
    void aBatchStopsAtTheByteCapOnALineBoundary() throws IOException {
        byte[] all = SpoolFiles.lines(0, 10);
        Files.write(spool, all);
        int twoAndAHalf = SpoolFiles.lines(0, 2).length + SpoolFiles.line(2).length / 2;

        SpoolBatch b = reader.readBatch(0, all.length, 100, twoAndAHalf);

        assertEquals(2, b.lines());
        assertArrayEquals(SpoolFiles.lines(0, 2), b.body());
    }

    @Test
    void aBatchStartsWhereAskedAndNeverIncludesAnIncompleteLastLine() throws IOException {
        byte[] head = SpoolFiles.lines(0, 3);
        byte[] partial = Arrays.copyOf(SpoolFiles.line(4), 30);
        Files.write(spool, concat(concat(head, SpoolFiles.line(3)), partial));
        long size = Files.size(spool);

        SpoolBatch b = reader.readBatch(head.length, size, 100, 1 << 20);

        assertEquals(1, b.lines());
        assertArrayEquals(SpoolFiles.line(3), b.body());
        assertNull(reader.readBatch(b.end(), size, 100, 1 << 20));
    }

    @Test
    void aLineLongerThanAnyBatchComesBackAsDamagedSoItCanBeSkipped() throws IOException {
        byte[] junk = new byte[5000];
        Arrays.fill(junk, (byte) 'x');
        junk[junk.length - 1] = '\n';
        Files.write(spool, concat(junk, SpoolFiles.line(1)));

        SpoolBatch b = reader.readBatch(0, Files.size(spool), 100, 1024);

        assertTrue(b.damaged());
        assertEquals(junk.length, b.end());
        assertEquals(crc(junk), b.lastLineCrc());
        assertArrayEquals(SpoolFiles.line(1), reader.readBatch(b.end(), Files.size(spool), 100, 1024).body());
    }

    @Test
    void countsLinesAndTheEndOfTheLastWholeOne() throws IOException {
        byte[] all = SpoolFiles.lines(0, 5);
        Files.write(spool, concat(all, "{\"partial".getBytes(StandardCharsets.UTF_8)));

        assertEquals(new SpoolReader.LineCount(5, all.length), reader.countLines(0, Files.size(spool)));
        assertEquals(new SpoolReader.LineCount(0, 7), reader.countLines(7, 7));
    }

    @Test
    void theAnchorMatchesOnlyTheSameLineAtTheSameOffset() throws IOException {
        byte[] all = SpoolFiles.lines(0, 5);
        Files.write(spool, all);
        int end3 = SpoolFiles.lines(0, 3).length;
        byte[] third = SpoolFiles.line(2);

        assertTrue(reader.lineEndsAt(end3, third.length, crc(third)));
        assertFalse(reader.lineEndsAt(end3, third.length, crc(third) + 1));
        assertFalse(reader.lineEndsAt(end3 + 1, third.length, crc(third)));
        assertFalse(reader.lineEndsAt(end3, third.length - 1, crc(third)));
        assertFalse(reader.lineEndsAt(10, 20, 0));
    }

    @Test
    void aMissingFileReadsAsEmpty() throws IOException {
        assertEquals(new SpoolReader.FileState(0, null), reader.state());
        assertNull(reader.readBatch(0, 100, 10, 1024));
        assertEquals(-1, reader.lineEndAfter(0));
    }

    static long crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
