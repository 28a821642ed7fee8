package com.vrooli.telemetry.store.jsonl.directory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a new file's directory entry durable, where the platform allows it: Linux and macOS can
 * force a directory; Windows and some file systems (in-memory ones) cannot open one, and there the
 * file system already keeps the entry or nothing can be done.
 */
public final class DirectorySync {

    private DirectorySync() {
    }

    public static void force(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort by design: the platform cannot force a directory (see the class comment).
            return;
        }
    }
}
