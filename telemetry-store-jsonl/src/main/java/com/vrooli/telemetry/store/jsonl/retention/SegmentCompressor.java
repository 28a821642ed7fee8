package com.vrooli.telemetry.store.jsonl.retention;

import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import com.vrooli.telemetry.store.jsonl.read.LineScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses a plain segment crash-safely: writes {@code {n}.gz.tmp}, forces it, gives it the
 * segment's modification time (its seal time), renames it to {@code {n}.gz} and forces the
 * directory. The caller switches to the compressed form and only then deletes the plain one. A
 * crash leaves either a {@code .tmp} (deleted on open) or both forms (the plain one is kept and the
 * copy deleted on open), never a lost or doubled segment. Stateless.
 */
public final class SegmentCompressor {

    private SegmentCompressor() {
    }

    /** Writes the compressed form of {@code plain} and returns it; the plain file is left in place. */
    public static Segment compress(Segment plain) throws IOException {
        Path dir = plain.path().getParent();
        SegmentName gzName = new SegmentName(plain.name().scenario(), plain.number(), true);
        Path tmp = ScenarioDirectory.inside(dir, plain.name().tempGzipName());
        Path target = ScenarioDirectory.inside(dir, gzName.fileName());
        try (InputStream in = Files.newInputStream(plain.path(), LinkOption.NOFOLLOW_LINKS);
             FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            GZIPOutputStream gz = new GZIPOutputStream(Channels.newOutputStream(ch), LineScanner.CHUNK);
            in.transferTo(gz);
            gz.finish();
            ch.force(true);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Files.setLastModifiedTime(tmp, FileTime.from(plain.sealedAt()));
        // Replacing: a copy left by a crash beside the plain segment is redone, not trusted.
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.force(dir);
        return new Segment(gzName, target, Files.size(target), plain.sealedAt());
    }
}
