package com.vrooli.telemetry.store.jsonl.recovery;

import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.store.jsonl.ScenarioAggregate;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.dedup.DedupShareRestorer;
import com.vrooli.telemetry.store.jsonl.dedup.NewestIdRing;
import com.vrooli.telemetry.store.jsonl.query.ScenarioView;
import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.snapshot.FileFingerprint;
import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * How a {@link ScenarioFile} learns what its files hold: rebuilt from them on open, resumed from a
 * snapshot (and captured into one), or, for a read-only store, followed as the writer appends and
 * rotates. Each method runs under the file's lock (its callers in {@code ScenarioFile} are
 * synchronized). Stateless.
 */
public final class ScenarioLoading {

    private ScenarioLoading() {
    }

    /**
     * Reads the segments, oldest first, then the live file from the start, feeding {@code ids};
     * with {@code repair}, moves a torn tail of the live file aside.
     */
    public static void rebuild(ScenarioFile f, NewestIdRing ids, boolean repair) throws IOException {
        Consumer<CountedEvent> sink = e -> {
            f.aggregate.add(e);
            f.countId(e);
            ids.accept(e);
        };
        f.recentIds = ids;
        for (Segment segment : f.segments().current().segments()) {
            f.counters.badLinesSkipped.add(RebuildReader.scan(segment, f.scenario, sink));
        }
        if (!Files.exists(f.path, LinkOption.NOFOLLOW_LINKS)) {
            // Only segments: a crash came right after a rotation. The next append creates the file.
            f.committedSize = 0;
            f.syncDirectory = true;
            return;
        }
        finishScan(f, FileRecovery.scan(f.path, f.scenario, 0, sink), repair);
    }

    /**
     * Resumes from a snapshot and reads only the lines after its offset; see
     * {@link ScenarioFile#restore}.
     */
    public static boolean restore(ScenarioFile f, ScenarioSnapshot from, NewestIdRing ids, boolean repair)
            throws IOException {
        if (f.segmented()) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!from.fingerprint().matches(ch, from.offset())) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        f.aggregate.resume(from.summary(), from.activity());
        f.idLines = from.idLines();
        f.badLines = from.badLines();
        f.counters.badLinesSkipped.add(from.badLines());
        NewestIdRing newer = new NewestIdRing(f.scenario, ids.quota());
        FileRecovery.Scan scan = FileRecovery.scan(f.path, f.scenario, from.offset(), e -> {
            f.aggregate.add(e);
            f.countId(e);
            newer.accept(e);
        });
        DedupShareRestorer.resume(from, newer, ids, f.path);
        f.recentIds = ids;
        finishScan(f, scan, repair);
        return true;
    }

    /**
     * The scenario's state to persist, or null when its file holds no whole line yet or it has
     * segments (see {@link ScenarioFile#segmented}). Runs under the append lock (which rotations
     * take too) while it reads the fingerprint's few KiB, so the state and the bytes it is
     * fingerprinted against are always of the same file.
     */
    public static ScenarioSnapshot capture(ScenarioFile f) throws IOException {
        long offset = f.committedSize;
        if (offset == 0 || f.segmented()) {
            return null;
        }
        FileFingerprint fingerprint;
        try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            fingerprint = FileFingerprint.of(ch, offset);
        }
        f.recentIds.limit(f.idQuota.getAsInt());
        ScenarioAggregate.State state = f.aggregate.state();
        return new ScenarioSnapshot(state.summary(), state.activity(), offset, fingerprint, f.badLines, f.idLines,
                f.recentIds.toArray());
    }

    private static void finishScan(ScenarioFile f, FileRecovery.Scan scan, boolean repair) {
        f.committedSize = scan.wholeLinesEnd();
        f.badLines += scan.badLines();
        f.counters.badLinesSkipped.add(scan.badLines());
        if (scan.tornTail() && repair) {
            f.tornTail = true;
            try {
                f.repairTail();
            } catch (IOException e) {
                // Kept pending: the next append of this scenario retries before it writes.
                f.counters.writeFailures.increment();
            }
        }
    }

    /**
     * For a read-only store: reads what was appended since the last look, or everything again when
     * the writer rotated the live file or retention deleted segments ({@code listed} differs).
     */
    public static void refresh(ScenarioFile f, SealedSegments listed) throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            size = ch.size();
        } catch (NoSuchFileException e) {
            size = 0;
        }
        boolean rotated = !listed.numbers().equals(f.segments().current().numbers());
        f.segments().use(listed);
        if (rotated || size < f.committedSize) {
            ScenarioAggregate.Counted fresh = f.aggregate.fresh();
            f.committedSize = 0;
            f.badLines = 0;
            f.idLines = 0;
            for (Segment segment : listed.segments()) {
                try {
                    f.counters.badLinesSkipped.add(RebuildReader.scanEitherForm(segment, f.scenario, fresh::add));
                } catch (NoSuchFileException deletedSinceListed) {
                    // The writer's retention removed it: it is not part of the retained events.
                    continue;
                }
            }
            f.aggregate.replace(fresh);
        }
        if (size > f.committedSize) {
            FileRecovery.Scan scan = FileRecovery.scan(f.path, f.scenario, f.committedSize, e -> {
                f.aggregate.add(e);
                f.countId(e);
            });
            f.committedSize = scan.wholeLinesEnd();
            f.badLines += scan.badLines();
            f.counters.badLinesSkipped.add(scan.badLines());
        }
    }

    /**
     * Counts the summary again from the retained files (after retention deleted segments). Reads
     * without blocking appends, then, holding the append lock, reads what was appended meanwhile
     * and swaps the new count in, so no event is missed or counted twice.
     */
    public static void recount(ScenarioFile f) throws IOException {
        ScenarioView cut = f.segments().cut(() -> f.committedSize);
        SealedSegments set = cut.segments();
        long end = cut.liveEnd();
        ScenarioAggregate.Counted fresh = f.aggregate.fresh();
        for (Segment segment : set.segments()) {
            RebuildReader.scan(segment, f.scenario, fresh::add);
        }
        if (end > 0) {
            RebuildReader.scanRange(f.path, f.scenario, 0, end, fresh::add);
        }
        synchronized (f) {
            if (f.segments().current().liveNumber() != set.liveNumber()) {
                return;
            }
            if (f.committedSize > end) {
                RebuildReader.scanRange(f.path, f.scenario, end, f.committedSize, fresh::add);
            }
            f.aggregate.replace(fresh);
        }
    }
}
