package com.vrooli.telemetry.store.jsonl.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes journal segments a {@link JournalReplay} has finished with, on a daemon thread, so that
 * the open does not wait for it: unlinking a segment frees its pages in the page cache, which for a
 * segment of 1 GB took 0.37 s of system time on the opening thread. By then the replay has renamed
 * each segment out of the journal ({@value JournalReplay#REPLAYED} appended to its name, in order,
 * each rename made durable), so a crash before the deletion leaves a file no open replays, only
 * deletes. Stateless.
 */
final class ReplayedSegments {

    private static final Logger LOG = Logger.getLogger(ReplayedSegments.class.getPackageName());

    private ReplayedSegments() {
    }

    /**
     * Starts deleting {@code files} on a daemon thread; null when there is nothing to delete. Join
     * the thread before the directory may go away (the store's close does).
     */
    static Thread deleteInBackground(List<Path> files) {
        if (files.isEmpty()) {
            return null;
        }
        Thread t = new Thread(() -> delete(files), "telemetry-journal-cleanup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Deletes {@code files}; one that cannot be deleted stays for the next open to try again. */
    static void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the replayed journal segment " + file
                        + "; the next open tries again", e);
            }
        }
    }
}
