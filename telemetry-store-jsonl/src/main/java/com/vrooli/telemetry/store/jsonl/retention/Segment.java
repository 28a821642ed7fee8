package com.vrooli.telemetry.store.jsonl.retention;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A sealed segment of a scenario: a former live file, never written again, later perhaps
 * compressed and finally deleted by retention.
 *
 * @param name     its name (scenario, number, compressed or not)
 * @param path     where it is
 * @param bytes    its size on disk (compressed size when gzip'd)
 * @param sealedAt when it was sealed: its last write (kept as the file's modification time)
 */
public record Segment(SegmentName name, Path path, long bytes, Instant sealedAt) {

    public long number() {
        return name.number();
    }

    public boolean gzip() {
        return name.gzip();
    }
}
