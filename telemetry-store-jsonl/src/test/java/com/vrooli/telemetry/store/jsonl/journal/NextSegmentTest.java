package com.vrooli.telemetry.store.jsonl.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import com.vrooli.telemetry.store.jsonl.directory.OpenChannels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The active journal segment's successor, readied ahead of the seal on a real directory. */
class NextSegmentTest {

    @TempDir
    Path storeDir;

    private final StoreCounters counters = new StoreCounters();
    private final OpenChannels channels = new OpenChannels(Integer.MAX_VALUE);

    private JournalSegment segment(long number) {
        Path path = storeDir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(number));
        return new JournalSegment(number, path, new WriteChannel(path, WriteChannel.DEFAULT_OPENER, counters,
                nanos -> { }, channels));
    }

    private Path file(long number) {
        return storeDir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(number));
    }

    @Test
    @DisplayName("a readied successor exists on the disk, forced, with its first MiB reserved, and the seal gets it")
    void readiedThenHandedOver() throws IOException {
        NextSegment next = new NextSegment(7, this::segment);
        long forcesBefore = counters.fsyncs.sum();
        next.prepare();
        assertTrue(Files.exists(file(8)), "the successor of segment 7 is made");
        assertEquals(1 << 20, Files.size(file(8)));
        assertTrue(counters.fsyncs.sum() > forcesBefore, "and forced");
        next.prepare(); // one is ready: nothing more
        assertFalse(Files.exists(file(9)));

        JournalSegment handed = next.handOver();
        assertEquals(8, handed.number);
        assertEquals(0, handed.size(), "it holds no record yet");
        next.prepare();
        assertTrue(Files.exists(file(9)), "the successor of the new active segment is readied next");
        handed.close();
        next.close(true);
        assertFalse(Files.exists(file(9)), "a checkpointed close deletes the readied segment");
    }

    @Test
    @DisplayName("without a readied segment the seal gets a new one, made on its first write")
    void handOverWithoutPreparation() throws IOException {
        NextSegment next = new NextSegment(3, this::segment);
        JournalSegment handed = next.handOver();
        assertEquals(4, handed.number);
        assertFalse(Files.exists(file(4)), "created by its first write, as before");
        next.prepare();
        assertTrue(Files.exists(file(5)));
        handed.close();
        next.close(false);
        assertTrue(Files.exists(file(5)), "kept when the journal stays for a replay: it reads as empty");
    }

    @Test
    @DisplayName("a seal that failed gives its segment back; close deletes what was readied and readies nothing more")
    void giveBackAndClose() throws IOException {
        NextSegment next = new NextSegment(1, this::segment);
        next.prepare();
        JournalSegment handed = next.handOver();
        next.prepare(); // segment 3 readied while the seal that handed 2 over fails
        assertTrue(Files.exists(file(3)));
        next.giveBack(handed);
        assertSame(handed, next.handOver(), "the given-back segment is handed over again");
        assertEquals(2, handed.number);
        next.giveBack(handed);

        next.close(true);
        assertFalse(Files.exists(file(2)), "the given-back segment, ready again, is the one closed and deleted");
        next.prepare();
        assertFalse(Files.exists(file(2)), "nothing is readied after close");
        JournalSegment fresh = next.handOver();
        assertEquals(2, fresh.number, "a seal after close gets the active segment's successor anew");
        assertFalse(Files.exists(file(2)), "made by its first write, as before");
    }
}
