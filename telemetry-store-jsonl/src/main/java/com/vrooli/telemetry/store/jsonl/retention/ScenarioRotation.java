package com.vrooli.telemetry.store.jsonl.retention;

import com.vrooli.telemetry.store.jsonl.ScenarioFile;
import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * How retention seals a {@link ScenarioFile}'s live file into a numbered segment. Runs under the
 * file's lock (its caller in {@code ScenarioFile} is synchronized). Stateless.
 */
public final class ScenarioRotation {

    private ScenarioRotation() {
    }

    /**
     * Seals the live file as the segment numbered {@link SealedSegments#liveNumber()}: forces it (as a
     * group-commit force, so appenders waiting for durability are released), closes it, renames it
     * (one atomic rename: a crash leaves either the live file or the segment, never both or
     * neither) and forces the directory. The next append creates a new, empty live file. Appends
     * wait meanwhile, for about two forces.
     *
     * @param now the seal time, kept as the segment's modification time
     * @return the new segment, or null when the live file is empty
     * @throws IOException when any step failed; the live file is then still the live file
     */
    public static Segment rotate(ScenarioFile f, Instant now) throws IOException {
        if (f.committedSize == 0) {
            return null;
        }
        // Also writes again what a failed fsync may have lost, before it is sealed.
        f.repairTail();
        long size = f.committedSize;
        SegmentName name = new SegmentName(f.scenario, f.segments().current().liveNumber(), false);
        Path target = ScenarioDirectory.inside(f.path.getParent(), name.fileName());
        f.unsynced.exclusive(() -> {
            f.channel.force();
            f.channel.release();
        });
        if (f.journal != null) {
            // Durable before the rename: replay then never writes this file's journaled lines
            // into the next live file (they are durable in the segment, forced just above).
            f.journal.markRotated(f.scenario);
        }
        Files.setLastModifiedTime(f.path, FileTime.from(now));
        Segment sealed = new Segment(name, target, size, now);
        f.segments().seal(sealed, () -> {
            Files.move(f.path, target, StandardCopyOption.ATOMIC_MOVE);
            f.committedSize = 0;
            createEmptyLiveFile(f);
        });
        DirectorySync.force(f.path.getParent());
        return sealed;
    }

    /**
     * Puts an empty file where the live file was, so {@code {scenario}.jsonl} is there for tools
     * that follow it. Best effort: when it cannot be created (disk full), the next append creates
     * it, forcing the directory as for any new file.
     */
    private static void createEmptyLiveFile(ScenarioFile f) {
        try {
            Files.newByteChannel(f.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS).close();
        } catch (IOException e) {
            f.syncDirectory = true;
        }
    }
}
