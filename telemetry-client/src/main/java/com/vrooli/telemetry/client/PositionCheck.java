package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether the acknowledged position kept beside the spool still describes the spool: the file is
 * at least that long, is the same file (its key), and holds the last acknowledged line (length
 * and CRC32C) right before the position. When it does not (the spool was replaced or rewritten by
 * someone else), the whole file is sent again and the server drops what it already has. Stateless.
 */
final class PositionCheck {

    private PositionCheck() {
    }

    /** {@code p} when it matches the file, otherwise a position at the file's start (logged). */
    static AckPosition checked(AckPosition p, SpoolReader.FileState state, SpoolReader reader, Path spool)
            throws IOException {
        if (p.offset() == 0) {
            return p;
        }
        String problem = null;
        if (p.offset() > state.size()) {
            problem = "the file is shorter than the acknowledged position";
        } else if (p.fileKey() != null && state.key() != null && !p.fileKey().equals(state.key())) {
            problem = "the file was replaced";
        } else if (!reader.lineEndsAt(p.offset(), p.anchorLength(), p.anchorCrc())) {
            problem = "the file no longer holds the last acknowledged line there";
        }
        if (problem == null) {
            return p;
        }
        RateLimitedLogger.LOGGER.warning("the telemetry position file does not match " + spool + " (" + problem
                + "); sending the file from its start, the server drops what it already has");
        return p.restart();
    }
}
