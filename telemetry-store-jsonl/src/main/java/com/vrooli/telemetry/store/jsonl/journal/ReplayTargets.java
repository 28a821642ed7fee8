package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live scenario files a {@link JournalReplay} compares journaled parts with and writes them
 * into: at most {@value #MAX_OPEN} open at a time (least recently used closed first), each forced
 * when closed if the replay wrote to it, and the directory forced when the replay created a file.
 * Not thread-safe.
 */
final class ReplayTargets implements AutoCloseable {

    /** What {@link #apply} did with a part. */
    enum Applied { PRESENT, WRITTEN, BEYOND_END }

    static final int MAX_OPEN = 1024;

    private final Path storeDir;
    private final LinkedHashMap<String, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<FileChannel> written = new HashSet<>();
    private final List<Path> created = new ArrayList<>();
    /** Reused to read back what a file holds where a part goes. */
    private ByteBuffer present = ByteBuffer.allocateDirect(64 * 1024);

    ReplayTargets(Path storeDir) {
        this.storeDir = storeDir;
    }

    /** True when {@code scenario}'s live file holds exactly {@code lines} at {@code position}; reads only. */
    boolean holds(String scenario, long position, ByteBuffer lines) throws IOException {
        FileChannel ch = channel(scenario, false);
        return ch != null && holds(ch, position, lines);
    }

    /**
     * Writes a part's lines at its position unless they are there already. A part beyond the
     * file's end is not written: after a crash it cannot happen (the bytes before a scenario's
     * first journaled part were forced before the journal that held them was deleted), but a copy
     * of the directory whose scenario file is older than its journal would get a hole of zeros.
     */
    Applied apply(String scenario, long position, ByteBuffer lines) throws IOException {
        FileChannel ch = channel(scenario, true);
        if (ch.size() < position) {
            return Applied.BEYOND_END;
        }
        if (holds(ch, position, lines)) {
            return Applied.PRESENT;
        }
        ByteBuffer rest = lines.duplicate();
        long pos = position;
        while (rest.hasRemaining()) {
            pos += ch.write(rest, pos);
        }
        written.add(ch);
        return Applied.WRITTEN;
    }

    private boolean holds(FileChannel ch, long position, ByteBuffer lines) throws IOException {
        int length = lines.remaining();
        if (present.capacity() < length) {
            present = ByteBuffer.allocateDirect(length);
        }
        present.clear().limit(length);
        long pos = position;
        while (present.hasRemaining()) {
            int n = ch.read(present, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        present.flip();
        return present.equals(lines);
    }

    /** The scenario's live file, opened for the replay; null when it does not exist and {@code create} is false. */
    private FileChannel channel(String scenario, boolean create) throws IOException {
        FileChannel ch = open.get(scenario);
        if (ch != null) {
            return ch;
        }
        Path path = ScenarioDirectory.inside(storeDir, scenario + ".jsonl");
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        if (!exists && !create) {
            return null;
        }
        if (open.size() >= MAX_OPEN) {
            Map.Entry<String, FileChannel> eldest = open.entrySet().iterator().next();
            open.remove(eldest.getKey());
            close(eldest.getValue());
        }
        try {
            ch = create
                    ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException deletedMeanwhile) {
            if (create) {
                throw deletedMeanwhile;
            }
            return null;
        }
        if (!exists) {
            created.add(path);
        }
        open.put(scenario, ch);
        return ch;
    }

    /** Closes a file, forcing it first when the replay wrote to it (only that has to be durable). */
    private void close(FileChannel ch) throws IOException {
        try (ch) {
            if (written.remove(ch)) {
                ch.force(false);
            }
        }
    }

    /** Forces and closes every file written, then the directory when a file was created. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (FileChannel ch : open.values()) {
            try {
                close(ch);
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failed != null) {
            throw failed;
        }
        if (!created.isEmpty()) {
            DirectorySync.force(storeDir);
        }
    }
}
