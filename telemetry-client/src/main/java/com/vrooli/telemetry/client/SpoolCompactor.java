package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Removes a prefix of whole lines from the spool. When everything goes, the file is truncated in
 * place; otherwise the rest is copied into a temporary file that is then moved over the spool
 * atomically, so a crash leaves either the old file or the new one. The caller holds the append
 * lock and owns the file, so no other writer has the spool open. Stateless.
 */
final class SpoolCompactor {

    private final SpoolPaths paths;
    private final boolean fsync;

    SpoolCompactor(SpoolPaths paths, boolean fsync) {
        this.paths = paths;
        this.fsync = fsync;
    }

    /** Removes {@code [0, cut)}; {@code cut} must be a line boundary. */
    void removePrefix(long cut) throws IOException {
        if (cut <= 0 || !Files.exists(paths.spool())) {
            return;
        }
        long size = Files.size(paths.spool());
        if (cut >= size) {
            try (FileChannel ch = FileChannel.open(paths.spool(), StandardOpenOption.WRITE)) {
                ch.truncate(0);
                if (fsync) {
                    ch.force(true);
                }
            }
            return;
        }
        try (FileChannel in = FileChannel.open(paths.spool(), StandardOpenOption.READ);
             FileChannel out = FileChannel.open(paths.compactTemp(), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = cut;
            while (pos < size) {
                long n = in.transferTo(pos, size - pos, out);
                if (n <= 0) {
                    throw new IOException("the local telemetry file shrank while being compacted");
                }
                pos += n;
            }
            if (fsync) {
                out.force(true);
            }
        }
        moveAtomically(paths.compactTemp(), paths.spool());
    }

    /** Deletes temporary files a crash may have left. */
    void deleteLeftovers() throws IOException {
        Files.deleteIfExists(paths.compactTemp());
        Files.deleteIfExists(paths.positionTemp());
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
