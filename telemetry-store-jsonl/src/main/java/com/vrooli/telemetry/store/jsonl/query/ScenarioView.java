package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * What one query of a scenario reads: its sealed segments and its live file, opened at the same
 * moment, so that a rotation running meanwhile cannot make the query miss or repeat lines. The
 * live file's channel stays valid when it is renamed into a segment. Closing releases it; not
 * thread-safe.
 *
 * @param segments the sealed segments and the live file's number
 * @param liveEnd  offset just after the live file's last whole line visible to this query
 * @param live     the live file, or null when it does not exist
 */
public record ScenarioView(SealedSegments segments, long liveEnd, FileChannel live) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (live != null) {
            live.close();
        }
    }
}
