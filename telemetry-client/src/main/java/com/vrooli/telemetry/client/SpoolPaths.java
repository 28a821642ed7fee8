package com.vrooli.telemetry.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local JSONL file and the small files kept beside it: the acknowledged position, the lock
 * file that serialises processes, and the temporary files of atomic rewrites.
 */
record SpoolPaths(Path spool, Path position, Path lock, Path compactTemp, Path positionTemp) {

    static SpoolPaths of(Path spool) {
        Objects.requireNonNull(spool, "spool");
        Path name = spool.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("spoolFile must name a file, got " + spool);
        }
        String n = name.toString();
        return new SpoolPaths(spool, spool.resolveSibling(n + ".position"), spool.resolveSibling(n + ".lock"),
                spool.resolveSibling(n + ".compact.tmp"), spool.resolveSibling(n + ".position.tmp"));
    }

    void createDirectories() throws IOException {
        Path parent = spool.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
