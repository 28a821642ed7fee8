package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spool's books on jimfs: the acknowledged position, restart, compaction and the cap. */
class SpoolTest {

    private static final long BIG = 50L * 1024 * 1024;

    private final FileSystem fs = SpoolFiles.jimfs();
    private final SpoolPaths paths = SpoolPaths.of(fs.getPath("/app/telemetry/deployment-telemetry.jsonl"));
    private Spool spool;

    @AfterEach
    void close() throws IOException {
        if (spool != null) {
            spool.close();
        }
        fs.close();
    }

    private Spool open(long maxBytes) throws IOException {
        if (spool != null) {
            spool.close();
        }
        spool = new Spool(paths, maxBytes, true, true, TimeUnit.SECONDS.toNanos(5));
        assertTrue(spool.tryOwn());
        return spool;
    }

    private Spool.Appended append(Spool s, int from, int to) throws IOException {
        byte[] lines = SpoolFiles.lines(from, to);
        return s.append(lines, lines.length, to - from, true);
    }

    @Test
    void appendedLinesBecomeTheBacklogAndBatchesComeInOrder() throws IOException {
        Spool s = open(BIG);
        append(s, 0, 10);

        assertEquals(10, s.backlogLines());
        SpoolBatch first = s.nextBatch(4, 1 << 20);
        assertArrayEquals(SpoolFiles.lines(0, 4), first.body());
        s.acknowledge(first);
        assertEquals(6, s.backlogLines());
        assertArrayEquals(SpoolFiles.lines(4, 10), s.nextBatch(100, 1 << 20).body());
    }

    @Test
    void aRestartResumesAfterTheAcknowledgedPositionAndNeverReturnsAcknowledgedLines() throws IOException {
        Spool s = open(BIG);
        append(s, 0, 10);
        s.acknowledge(s.nextBatch(7, 1 << 20));

        Spool again = open(BIG);

        assertEquals(3, again.backlogLines());
        assertArrayEquals(SpoolFiles.lines(7, 10), again.nextBatch(100, 1 << 20).body());
        assertEquals(SpoolFiles.lines(0, 7).length, again.ackedAbsolute());
    }

    @Test
    void aReplacedFileIsSentFromItsStart() throws IOException {
        Spool s = open(BIG);
        append(s, 0, 10);
        s.acknowledge(s.nextBatch(10, 1 << 20));
        s.close();
        spool = null;
        Path other = paths.spool().resolveSibling("copy.jsonl");
        Files.write(other, SpoolFiles.lines(100, 112));
        Files.move(other, paths.spool(), StandardCopyOption.REPLACE_EXISTING);

        Spool again = open(BIG);

        assertEquals(12, again.backlogLines());
        assertArrayEquals(SpoolFiles.lines(100, 112), again.nextBatch(100, 1 << 20).body());
    }

    @Test
    void aFileRewrittenInPlaceIsDetectedByTheAnchor() throws IOException {
        Spool s = open(BIG);
        append(s, 0, 10);
        s.acknowledge(s.nextBatch(5, 1 << 20));
        s.close();
        spool = null;
        Files.write(paths.spool(), SpoolFiles.lines(200, 210));

        Spool again = open(BIG);

        assertEquals(10, again.backlogLines());
    }

    @Test
    void aTornLastLineIsRepairedWhenTheFileIsOpened() throws IOException {
        paths.createDirectories();
        byte[] good = SpoolFiles.lines(0, 3);
        byte[] torn = Arrays.copyOf(SpoolFiles.line(3), 25);
        Files.write(paths.spool(), good);
        Files.write(paths.spool(), torn, StandardOpenOption.APPEND);

        Spool s = open(BIG);

        assertEquals(3, s.backlogLines());
        assertArrayEquals(good, Files.readAllBytes(paths.spool()));
    }

    @Test
    void atTheCapAcknowledgedDataIsCompactedAwayFirstAndNothingUnsentIsLost() throws IOException {
        int lineSize = SpoolFiles.line(0).length;
        long cap = lineSize * 20L;
        Spool s = open(cap);
        append(s, 0, 15);
        s.acknowledge(s.nextBatch(12, 1 << 20));

        Spool.Appended a = append(s, 15, 25);

        assertEquals(0, a.droppedLines());
        assertEquals(13, s.backlogLines());
        assertArrayEquals(SpoolFiles.lines(12, 25), Files.readAllBytes(paths.spool()));
        assertEquals(SpoolFiles.lines(0, 12).length, s.ackedAbsolute());
        assertArrayEquals(SpoolFiles.lines(12, 25), s.nextBatch(100, 1 << 20).body());
        assertFalse(Files.exists(paths.compactTemp()));
    }

    @Test
    void compactionSurvivesARestart() throws IOException {
        int lineSize = SpoolFiles.line(0).length;
        Spool s = open(lineSize * 20L);
        append(s, 0, 15);
        s.acknowledge(s.nextBatch(12, 1 << 20));
        append(s, 15, 25);

        Spool again = open(lineSize * 20L);

        assertEquals(13, again.backlogLines());
        assertArrayEquals(SpoolFiles.lines(12, 25), again.nextBatch(100, 1 << 20).body());
    }

    @Test
    void pastTheCapTheOldestUnsentLinesAreDroppedAndCounted() throws IOException {
        int lineSize = SpoolFiles.line(0).length;
        long cap = lineSize * 20L;
        Spool s = open(cap);
        append(s, 0, 20);

        Spool.Appended a = append(s, 20, 22);

        assertTrue(a.droppedLines() >= 2, "dropped " + a.droppedLines());
        List<String> ids = SpoolFiles.eventIds(paths.spool());
        assertEquals("id-" + a.droppedLines(), ids.get(0));
        assertEquals("id-21", ids.get(ids.size() - 1));
        assertEquals(22 - a.droppedLines(), ids.size());
        assertEquals(ids.size(), s.backlogLines());
        assertTrue(Files.size(paths.spool()) <= cap, "size " + Files.size(paths.spool()));
    }

    @Test
    void theCapDropsDownToALowWaterMarkSoTheRewriteIsNotRepeatedForEveryAppend() throws IOException {
        int lineSize = SpoolFiles.line(0).length;
        long cap = lineSize * 100L;
        Spool s = open(cap);
        append(s, 0, 100);

        long first = append(s, 100, 101).droppedLines();
        long next = append(s, 101, 102).droppedLines();

        assertTrue(first >= 10, "dropped " + first);
        assertEquals(0, next);
    }

    @Test
    void whenEverythingIsAcknowledgedTheFileIsTruncated() throws IOException {
        int lineSize = SpoolFiles.line(0).length;
        Spool s = open(lineSize * 10L);
        append(s, 0, 10);
        s.acknowledge(s.nextBatch(10, 1 << 20));

        append(s, 10, 11);

        assertArrayEquals(SpoolFiles.line(10), Files.readAllBytes(paths.spool()));
        assertEquals(1, s.backlogLines());
    }

    @Test
    void linesAppendedByAnotherWriterAreFoundOnRefresh() throws IOException {
        Spool s = open(BIG);
        append(s, 0, 3);
        Files.write(paths.spool(), SpoolFiles.lines(3, 5), StandardOpenOption.APPEND);

        s.refresh(true);

        assertEquals(5, s.backlogLines());
    }

    @Test
    void aSecondSpoolOnTheSameFileAppendsButDoesNotOwnWhileTheFirstDoes() throws IOException {
        Path real = Files.createTempDirectory("spool-test");
        SpoolPaths realPaths = SpoolPaths.of(real.resolve("s.jsonl"));
        try (Spool first = new Spool(realPaths, BIG, true, true, TimeUnit.SECONDS.toNanos(5));
             Spool second = new Spool(realPaths, BIG, true, true, TimeUnit.SECONDS.toNanos(5))) {
            assertTrue(first.tryOwn());
            assertFalse(second.tryOwn());
            byte[] lines = SpoolFiles.lines(0, 2);
            second.append(lines, lines.length, 2, true);

            assertNull(second.nextBatch(10, 1 << 20));
            first.refresh(true);
            assertEquals(2, first.backlogLines());
        } finally {
            for (Path p : List.of(realPaths.spool(), realPaths.lock(), realPaths.position())) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(real);
        }
    }
}
