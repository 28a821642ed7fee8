package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.store.jsonl.append.EncodedPart;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.recovery.FileRecovery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The append path of one {@link ScenarioFile}: the de-duplication check, the one write of a part's
 * whole lines at the end of its committed lines, and what the write changes (size, recent ids,
 * aggregate, counters); and, before each write, the repair of what a crash, a failed write or a
 * failed fsync left behind. Called with the scenario's lock held, so the lines of concurrent
 * batches never interleave; the kept events are counted into the aggregate after it is released
 * ({@link ScenarioAggregate.Fold}).
 */
final class ScenarioAppend {

    private ScenarioAppend() {
    }

    /**
     * Writes the part's events that are not duplicates as one write, then counts them.
     *
     * @throws IOException when the write failed (nothing of it is left in the file), when what a
     *                     failed fsync may have lost could not be written again first, or, with
     *                     {@link FsyncPolicy#ALWAYS}, when the force failed (the lines stay written,
     *                     and are written again before the next append)
     */
    static ScenarioFile.Outcome append(ScenarioFile f, EncodedPart part, DedupWindow window, FsyncPolicy policy)
            throws IOException {
        repairTail(f);
        boolean[] keep = new boolean[part.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !part.repeatsEarlier(i);
        }
        // Only this scenario's appends add its fingerprints, and they hold its lock: what is not
        // in the window now is still not in it when the lines are written.
        int kept = window.dropKnown(part.fingerprints(), keep);
        int duplicates = keep.length - kept;
        if (kept == 0) {
            f.counters.duplicatesSkipped.add(duplicates);
            // Their first copies are in this file, written no later than the latest write.
            long seq = policy == FsyncPolicy.BATCH ? f.unsynced.latestSeq() : 0;
            return new ScenarioFile.Outcome(0, duplicates, 0, seq, f.committedSize, null, null);
        }
        ByteBuffer lines = part.lines(keep, kept);
        ByteBuffer copy = lines.duplicate();
        int length = lines.remaining();
        long before = f.committedSize;
        try {
            f.channel.writeFully(lines, before);
        } catch (IOException e) {
            f.dirtyTail = true;
            try {
                repairTail(f);
            } catch (IOException cutFailed) {
                e.addSuppressed(cutFailed);
            }
            throw e;
        }
        f.committedSize = before + length;
        f.recentIds.limit(f.idQuota.getAsInt());
        f.growth.grew(f, f.committedSize);
        long[] fingerprints = part.fingerprints();
        window.addAll(fingerprints, keep);
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] && fingerprints[i] != 0) {
                f.recentIds.add(fingerprints[i]);
                f.idLines++;
            }
        }
        f.counters.writes.increment();
        f.counters.bytesWritten.add(length);
        f.counters.duplicatesSkipped.add(duplicates);
        long seq;
        try {
            // With BATCH the journal holds the lines; the write-behind makes the entry durable.
            if (policy == FsyncPolicy.ALWAYS && f.syncDirectory) {
                DirectorySync.force(f.path.getParent());
                f.syncDirectory = false;
            }
            seq = f.unsynced.written(before, copy);
        } catch (IOException | RuntimeException e) {
            // The lines stay in the file: they are counted as they are.
            f.aggregate.add(part.events, keep);
            throw e;
        }
        // Counted once the scenario's lock is released, in the order of the writes (see ScenarioAggregate).
        ScenarioAggregate.Fold fold = f.aggregate.fold(part.events, keep);
        return new ScenarioFile.Outcome(kept, duplicates, length, seq, before, copy.duplicate().asReadOnlyBuffer(),
                fold);
    }

    /** Puts the file right before it is written: torn tail aside, failed write cut, lost bytes rewritten. */
    static void repairTail(ScenarioFile f) throws IOException {
        if (f.tornTail) {
            Path corrupt = f.path.resolveSibling(f.path.getFileName() + ".corrupt");
            FileRecovery.moveTornTail(f.path, corrupt, f.committedSize);
            f.tornTail = false;
            f.counters.tornTailsRecovered.increment();
        }
        if (f.dirtyTail) {
            f.channel.truncate(f.committedSize);
            f.dirtyTail = false;
        }
        if (f.unsynced != null) {
            f.unsynced.repairIfFailed(f.committedSize);
        }
    }
}
