package com.vrooli.telemetry.store.jsonl.append;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.IoReasons;
import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.ScenarioRegistry;
import com.vrooli.telemetry.store.jsonl.StoreCounters;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.journal.JournalTicket;
import com.vrooli.telemetry.store.jsonl.journal.JournaledAppend;
import com.vrooli.telemetry.store.jsonl.journal.WriteBehind;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The write path of a writing {@link JsonlTelemetryStore}: admits a batch's events, writes each
 * scenario's part under that scenario's lock, and returns only once every part it reports as
 * stored or duplicate is durable under the {@link FsyncPolicy}. With {@code BATCH}, the parts go
 * into the store-wide {@link Journal} as one record and the answer waits for the journal's force,
 * shared with every concurrent upload (see {@link JournaledAppend}); the scenario files are forced
 * behind ({@link WriteBehind}). With {@code ALWAYS}, each part's file is forced on its own. A batch
 * of more scenarios than a chunk also waits for each chunk's files (see {@link ForcePool}), since a
 * file waiting for its force cannot be closed to respect the open-file limit. Thread-safe.
 */
public final class BatchAppender implements AutoCloseable {

    /** Threads that force a batch's scenario files beside the appending thread (see {@link ForcePool}). */
    private static final int FORCE_THREADS = 8;
    /** A chunk of at least this many bytes of lines waits for its scenario files' forces too. */
    static final long INLINE_FORCE_BYTES = 1 << 20;

    private final ScenarioRegistry scenarios;
    private final DedupWindow window;
    private final FsyncPolicy fsync;
    private final StoreCounters counters;
    private final int forceChunk;
    private final LongConsumer appendedBytes;
    /** Null unless the policy is {@link FsyncPolicy#BATCH}. */
    private final ForcePool forces;
    /** Null unless the policy is {@link FsyncPolicy#BATCH}, as is {@code writeBehind}. */
    private final Journal journal;
    private final WriteBehind writeBehind;
    private volatile String writeFailure;

    /**
     * @param forceChunk    how many files of one batch are written before waiting for their forces
     * @param appendedBytes hears the bytes of each written part (for snapshots)
     * @param journal       with {@code BATCH}, the journal an upload waits for; else null
     * @param writeBehind   with {@code BATCH}, forces the scenario files behind; else null
     */
    public BatchAppender(ScenarioRegistry scenarios, DedupWindow window, FsyncPolicy fsync, StoreCounters counters,
                         int forceChunk, LongConsumer appendedBytes, Journal journal, WriteBehind writeBehind) {
        this.scenarios = scenarios;
        this.window = window;
        this.fsync = fsync;
        this.counters = counters;
        this.forceChunk = forceChunk;
        this.appendedBytes = appendedBytes;
        this.forces = fsync == FsyncPolicy.BATCH ? new ForcePool(FORCE_THREADS) : null;
        this.journal = journal;
        this.writeBehind = writeBehind;
    }

    /** See {@link JsonlTelemetryStore#append}; the caller checked that the store is open. */
    public AppendResult append(List<TelemetryEvent> events) {
        AppendResult.Builder result = new AppendResult.Builder();
        List<EncodedPart> parts = EncodedPart.split(scenarios.admit(events, result));
        if (journal != null) {
            appendJournaled(parts, result);
            writeFailure = null;
            return result.build();
        }
        // ALWAYS (each part forced in its append) or NEVER (no force): one part after another.
        for (EncodedPart part : parts) {
            ScenarioFile file = scenarios.forAppend(part.scenario);
            ScenarioFile.Outcome outcome;
            try {
                outcome = file.append(part, window, fsync);
            } catch (IOException e) {
                throw writeFailed(part.scenario, e);
            }
            result.stored(part.scenario, outcome.stored()).duplicates(part.scenario, outcome.duplicates());
            if (outcome.bytes() > 0) {
                appendedBytes.accept(outcome.bytes());
            }
        }
        writeFailure = null;
        return result.build();
    }

    /**
     * The {@code BATCH} path: a chunk of parts at a time (in scenario order) is written and journaled
     * as one record, then the journal's force is awaited; the scenario files are forced behind. A
     * batch of more than one chunk also waits for each chunk's files, so that files waiting for a
     * force, which cannot be closed, stay few.
     */
    private void appendJournaled(List<EncodedPart> parts, AppendResult.Builder result) {
        List<EncodedPart> sorted = new ArrayList<>(parts);
        sorted.sort((x, y) -> x.scenario.compareTo(y.scenario));
        boolean chunked = sorted.size() > forceChunk;
        JournalTicket last = JournalTicket.NONE;
        for (int from = 0; from < sorted.size(); from += forceChunk) {
            List<EncodedPart> chunk = sorted.subList(from, Math.min(sorted.size(), from + forceChunk));
            List<ScenarioFile> files = new ArrayList<>(chunk.size());
            for (EncodedPart part : chunk) {
                files.add(scenarios.forAppend(part.scenario));
            }
            JournaledAppend.Result written;
            try {
                written = JournaledAppend.write(chunk, files, window, journal);
            } catch (JournaledAppend.PartFailed e) {
                writeBehind.written(files);
                throw writeFailed(e.file.scenario, (IOException) e.getCause());
            } catch (IOException e) {
                writeBehind.written(files);
                throw writeFailed(chunk.get(0).scenario, e);
            }
            writeBehind.written(files);
            long[] seqs = new long[files.size()];
            long chunkBytes = 0;
            for (int i = 0; i < chunk.size(); i++) {
                ScenarioFile.Outcome outcome = written.outcomes().get(i);
                result.stored(chunk.get(i).scenario, outcome.stored()).duplicates(chunk.get(i).scenario,
                        outcome.duplicates());
                if (outcome.bytes() > 0) {
                    appendedBytes.accept(outcome.bytes());
                }
                chunkBytes += outcome.bytes();
                seqs[i] = outcome.seq();
            }
            last = written.ticket();
            // Big uploads also wait for their files: the copies kept for a failed force are then
            // released before the answer, as without the journal, so heap stays bounded by the uploads
            // in flight rather than by what the write-behind has not forced yet.
            if (chunked || chunkBytes >= INLINE_FORCE_BYTES) {
                awaitDurable(files, seqs);
            }
        }
        try {
            last.await();
        } catch (IOException e) {
            counters.writeFailures.increment();
            writeFailure = IoReasons.describe(e);
            throw new StoreUnavailableException("cannot make the upload durable: the journal's force failed ("
                    + IoReasons.describe(e) + ")", e);
        }
    }

    /**
     * Waits until the writes are durable in every file: the forces of idle files after the first
     * are started on the pool first, so they run while this thread forces the first.
     */
    private void awaitDurable(List<ScenarioFile> files, long[] seqs) {
        for (int i = 1; i < files.size(); i++) {
            files.get(i).startForceIfIdle(seqs[i], forces);
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                files.get(i).awaitDurable(seqs[i]);
            } catch (IOException e) {
                throw writeFailed(files.get(i).scenario, e);
            }
        }
    }

    private StoreUnavailableException writeFailed(String scenario, IOException e) {
        counters.writeFailures.increment();
        String reason = IoReasons.describe(e);
        if (!(e instanceof ClosedByInterruptException)) {
            writeFailure = reason;
        }
        return new StoreUnavailableException("cannot append to scenario '" + scenario + "': " + reason, e);
    }

    /** Why the latest append failed, or null when it succeeded (or none was tried). */
    public String lastFailure() {
        return writeFailure;
    }

    /** Lets forces already started end; starts no more. */
    @Override
    public void close() {
        if (forces != null) {
            forces.close();
        }
    }
}
