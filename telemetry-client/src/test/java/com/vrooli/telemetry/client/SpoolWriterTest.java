package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpoolWriterTest {

    private final FileSystem fs = SpoolFiles.jimfs();
    private final Path spool = fs.getPath("/app/telemetry/deployment-telemetry.jsonl");
    private final SpoolWriter writer = new SpoolWriter(spool, true);

    @AfterEach
    void closeFs() throws IOException {
        fs.close();
    }

    @Test
    void appendsWholeLinesAndCreatesTheFile() throws IOException {
        Files.createDirectories(spool.getParent());
        byte[] first = SpoolFiles.lines(0, 3);
        byte[] second = SpoolFiles.lines(3, 5);

        SpoolWriter.Appended a = writer.append(first, first.length);
        SpoolWriter.Appended b = writer.append(second, second.length);

        assertEquals(new SpoolWriter.Appended(0, first.length, 0), a);
        assertEquals(new SpoolWriter.Appended(first.length, first.length + second.length, 0), b);
        assertArrayEquals(SpoolFiles.lines(0, 5), Files.readAllBytes(spool));
    }

    @Test
    void aTornLastLineIsCutBeforeTheNextAppendSoEveryLineStaysWhole() throws IOException {
        Files.createDirectories(spool.getParent());
        byte[] good = SpoolFiles.lines(0, 2);
        byte[] torn = Arrays.copyOf(SpoolFiles.line(2), 40);
        Files.write(spool, concat(good, torn));
        byte[] next = SpoolFiles.line(3);

        SpoolWriter.Appended a = writer.append(next, next.length);

        assertEquals(40, a.tornBytes());
        assertEquals(good.length, a.start());
        assertArrayEquals(concat(good, next), Files.readAllBytes(spool));
        assertEquals(3, SpoolFiles.eventIds(spool).size());
    }

    @Test
    void repairOnStartCutsTheTornTailAndKeepsCompleteLines() throws IOException {
        Files.createDirectories(spool.getParent());
        byte[] good = SpoolFiles.lines(0, 3);
        Files.write(spool, concat(good, "{\"ts\":\"2025-01".getBytes(StandardCharsets.UTF_8)));

        assertEquals(good.length, writer.repairTornTail());
        assertArrayEquals(good, Files.readAllBytes(spool));
    }

    @Test
    void aFileWithoutAnyNewlineIsCutToEmpty() throws IOException {
        Files.createDirectories(spool.getParent());
        byte[] big = new byte[20_000];
        Arrays.fill(big, (byte) 'x');
        Files.write(spool, big);

        assertEquals(0, writer.repairTornTail());
        assertEquals(0, Files.size(spool));
    }

    @Test
    void repairingAMissingFileFindsNothingToDo() throws IOException {
        assertEquals(0, writer.repairTornTail());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
