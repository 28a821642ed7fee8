package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import com.vrooli.telemetry.store.jsonl.ScenarioAggregate;
import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.append.BatchAppender;
import com.vrooli.telemetry.store.jsonl.append.EncodedPart;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code BATCH} write path of {@link BatchAppender}: a chunk of a batch's scenario parts is
 * written to the scenario files and then, their locks still held, into the {@link Journal} as one
 * record; the stored events are counted into the aggregates once the locks are released
 * ({@link ScenarioAggregate.Fold}); the appender waits only for the journal's force. Locks are taken in scenario-name order
 * (the parts arrive sorted), and the journal's lock only under them, as a rotation takes it under
 * its one scenario's lock, so no two threads wait for each other.
 */
public final class JournaledAppend {

    /** What the chunk did: each part's outcome, and what to wait for. */
    public record Result(List<ScenarioFile.Outcome> outcomes, JournalTicket ticket) {
    }

    /** A part that failed to be written: the parts before it are journaled all the same. */
    public static final class PartFailed extends IOException {
        private static final long serialVersionUID = 1L;
        public final transient ScenarioFile file;
        final transient List<ScenarioFile.Outcome> written;

        PartFailed(ScenarioFile file, List<ScenarioFile.Outcome> written, IOException cause) {
            super(cause.getMessage(), cause);
            this.file = file;
            this.written = written;
        }
    }

    private JournaledAppend() {
    }

    /**
     * Writes {@code parts} (sorted by scenario, one per scenario) to {@code files} and journals them.
     *
     * @throws PartFailed when a part's write failed: the parts before it stay written and
     *                    journaled, as in a batch without the journal
     * @throws IOException when the journal record could not be written (it is written before the next)
     */
    public static Result write(List<EncodedPart> parts, List<ScenarioFile> files, DedupWindow window, Journal journal)
            throws IOException {
        Object[] out = new Object[1];
        List<ScenarioAggregate.Fold> folds = new ArrayList<>(parts.size());
        try {
            lockFrom(0, files, () -> out[0] = writeLocked(parts, files, window, journal, folds));
        } finally {
            // The scenario locks are released: the next chunk of these scenarios writes while
            // this one counts its events (each aggregate's lock taken before the release keeps the order).
            ScenarioAggregate.Fold.completeAll(folds);
        }
        return (Result) out[0];
    }

    /** The most bytes a record of {@code parts} can take (every line kept). */
    private static long recordBound(List<EncodedPart> parts) {
        long bytes = JournalRecord.HEADER + 12;
        for (EncodedPart p : parts) {
            bytes += 2 + p.scenario.length() + 12 + p.byteLength();
        }
        return bytes;
    }

    private interface Locked {
        void run() throws IOException;
    }

    /** Holds the lock of every file from {@code i} on, nested, while {@code body} runs. */
    private static void lockFrom(int i, List<ScenarioFile> files, Locked body) throws IOException {
        if (i == files.size()) {
            body.run();
            return;
        }
        synchronized (files.get(i)) {
            lockFrom(i + 1, files, body);
        }
    }

    private static Result writeLocked(List<EncodedPart> parts, List<ScenarioFile> files, DedupWindow window,
                                      Journal journal, List<ScenarioAggregate.Fold> folds) throws IOException {
        try {
            journal.prepare(recordBound(parts));
        } catch (IOException e) {
            throw new PartFailed(files.get(0), List.of(), e);
        }
        List<ScenarioFile.Outcome> outcomes = new ArrayList<>(parts.size());
        List<Journal.Written> written = new ArrayList<>(parts.size());
        try {
            for (int i = 0; i < parts.size(); i++) {
                ScenarioFile file = files.get(i);
                ScenarioFile.Outcome outcome;
                try {
                    outcome = file.appendHeld(parts.get(i), window, FsyncPolicy.BATCH);
                } catch (IOException e) {
                    journal.append(written);
                    throw new PartFailed(file, outcomes, e);
                }
                outcomes.add(outcome);
                if (outcome.bytes() > 0) {
                    written.add(new Journal.Written(file, outcome.position(), outcome.lines(), outcome.seq()));
                }
            }
            // With no lines (all duplicates) this is the latest record, which covers their first copies.
            return new Result(outcomes, journal.append(written));
        } finally {
            // Whatever happened, what was written is counted, in the order of the writes: each
            // aggregate's lock is taken before the scenario locks are released.
            for (ScenarioFile.Outcome outcome : outcomes) {
                if (outcome.fold() != null) {
                    outcome.fold().hold();
                    folds.add(outcome.fold());
                }
            }
        }
    }
}
