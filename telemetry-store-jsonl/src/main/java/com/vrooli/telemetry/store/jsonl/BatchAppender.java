package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The write path of a writing {@link JsonlTelemetryStore}: admits a batch's events, writes each
 * scenario's part under that scenario's lock, and returns only once every part it reports as
 * stored or duplicate is durable under the {@link FsyncPolicy}. With {@code BATCH}, the forces of
 * a batch's files run at the same time (see {@link ForcePool}), a chunk of files at a time, since a
 * file waiting for its force cannot be closed to respect the open-file limit. Thread-safe.
 */
final class BatchAppender implements AutoCloseable {

    /** Threads that force a batch's scenario files beside the appending thread (see {@link ForcePool}). */
    private static final int FORCE_THREADS = 8;

    private final ScenarioRegistry scenarios;
    private final DedupWindow window;
    private final FsyncPolicy fsync;
    private final StoreCounters counters;
    private final int forceChunk;
    private final LongConsumer appendedBytes;
    /** Null unless the policy is {@link FsyncPolicy#BATCH}. */
    private final ForcePool forces;
    private volatile String writeFailure;

    /**
     * @param forceChunk    how many files of one batch are written before waiting for their forces
     * @param appendedBytes hears the bytes of each written part (for snapshots)
     */
    BatchAppender(ScenarioRegistry scenarios, DedupWindow window, FsyncPolicy fsync, StoreCounters counters,
                  int forceChunk, LongConsumer appendedBytes) {
        this.scenarios = scenarios;
        this.window = window;
        this.fsync = fsync;
        this.counters = counters;
        this.forceChunk = forceChunk;
        this.appendedBytes = appendedBytes;
        this.forces = fsync == FsyncPolicy.BATCH ? new ForcePool(FORCE_THREADS) : null;
    }

    /** See {@link JsonlTelemetryStore#append}; the caller checked that the store is open. */
    AppendResult append(List<TelemetryEvent> events) {
        AppendResult.Builder result = new AppendResult.Builder();
        List<EncodedPart> parts = EncodedPart.split(scenarios.admit(events, result));
        List<ScenarioFile> toForce = new ArrayList<>(Math.min(parts.size(), forceChunk));
        long[] seqs = new long[Math.min(parts.size(), forceChunk)];
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
            if (fsync == FsyncPolicy.BATCH && outcome.seq() > 0) {
                seqs[toForce.size()] = outcome.seq();
                toForce.add(file);
                if (toForce.size() == forceChunk) {
                    awaitDurable(toForce, seqs);
                    toForce.clear();
                }
            }
        }
        awaitDurable(toForce, seqs);
        writeFailure = null;
        return result.build();
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
    String lastFailure() {
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
