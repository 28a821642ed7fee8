package com.vrooli.telemetry.store.jsonl.snapshot;

import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Where the snapshots of a directory live and how the file is replaced:
 * {@code {dir}/.snapshots/summaries.snap}. The dot-directory can never be taken for a scenario
 * file (those are regular files named {@code {scenario}.jsonl}). A new version is written to a
 * temporary file, forced, renamed over the old one and the directory forced, so a crash leaves
 * either the old or the new file, never a mix. Stateless.
 */
public final class SnapshotFile {

    public static final String DIRECTORY = ".snapshots";
    static final String FILE_NAME = "summaries.snap";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";

    private SnapshotFile() {
    }

    public static Path of(Path dir) {
        return dir.resolve(DIRECTORY).resolve(FILE_NAME);
    }

    /**
     * The snapshots stored for {@code dir}; empty when there is no snapshot file.
     *
     * @throws IOException when the file cannot be read or is not a valid snapshot file
     */
    public static Map<String, ScenarioSnapshot> load(Path dir) throws IOException {
        Path file = of(dir);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return SnapshotCodec.decode(bytes);
    }

    /** What writes the new file's bytes. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces the snapshot file atomically and durably with what {@code content} writes. */
    static void write(Path dir, Content content) throws IOException {
        Path snapshots = dir.resolve(DIRECTORY);
        if (!Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(snapshots);
            DirectorySync.force(dir);
        }
        Path temp = snapshots.resolve(TEMP_NAME);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            OutputStream out = Channels.newOutputStream(ch);
            content.writeTo(out);
            out.flush();
            ch.force(true);
        }
        Files.move(temp, snapshots.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.force(snapshots);
    }
}
