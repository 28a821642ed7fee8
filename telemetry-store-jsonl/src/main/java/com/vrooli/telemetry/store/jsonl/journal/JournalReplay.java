package com.vrooli.telemetry.store.jsonl.journal;

import com.vrooli.telemetry.store.jsonl.directory.DirectorySync;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the {@link Journal} on open, before the scenarios are loaded: every intact record's parts
 * are written into their scenario files at their recorded positions, unless those bytes are already
 * there, then the files are forced and the journal's segments deleted.
 *
 * <p>Why exactly once, whatever the moment of the crash: a part is written at its own position,
 * so writing it again changes nothing (a crash during replay is replayed again); a scenario's parts
 * are in the journal in the order of its file, and an acknowledged record has every record before
 * it durable, so no part lands beyond a hole; a part written before its scenario's latest rotation
 * marker is skipped (the rotation forced it into the sealed segment, and the live file it was
 * written to is no longer the live file). A segment ends at its first frame that is not a whole,
 * intact record (a torn tail): the segment is cut there. Records from before the replay are never
 * written to again, since every segment is deleted once the replayed files are forced.
 */
public final class JournalReplay {

    /** What a replay did, and where the new journal starts. */
    record Outcome(int segments, long records, long partsWritten, long bytesWritten, long partsSkipped,
                   long tornTails, long nextSegment, long nextSeq) {
    }

    private final Path storeDir;
    private final Path dir;
    /** Files opened for replay, closed at the end (a thousand at most at a time), forced when written. */
    private final LinkedHashMap<String, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<FileChannel> written = new HashSet<>();
    private final List<Path> touched = new ArrayList<>();
    private long partsWritten;
    private long bytesWritten;
    private long partsSkipped;

    private JournalReplay(Path storeDir) {
        this.storeDir = storeDir;
        this.dir = storeDir.resolve(Journal.DIRECTORY);
    }

    /** Replays {@code {storeDir}/.journal/} into the scenario files; nothing to do without one. */
    public static Outcome replay(Path storeDir) throws IOException {
        return new JournalReplay(storeDir).run();
    }

    private Outcome run() throws IOException {
        TreeMap<Long, Path> segments = list();
        if (segments.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0, 0, 1, 1);
        }
        // First pass: where each scenario's latest rotation marker is, and cut torn tails.
        Map<String, Long> lastMarker = new HashMap<>();
        long[] counts = new long[3];  // records, torn tails, highest seq
        for (Path segment : segments.values()) {
            scan(segment, true, counts, r -> {
                for (JournalRecord.Part p : r.parts()) {
                    if (p.marker()) {
                        lastMarker.put(p.scenario(), r.seq());
                    }
                }
            });
        }
        long[] ignored = new long[3];
        for (Path segment : segments.values()) {
            scan(segment, false, ignored, r -> {
                for (JournalRecord.Part p : r.parts()) {
                    if (!p.marker() && r.seq() > lastMarker.getOrDefault(p.scenario(), 0L)) {
                        apply(p);
                    }
                }
            });
        }
        closeAll();
        for (Path segment : segments.values()) {
            Files.deleteIfExists(segment);
            DirectorySync.force(dir);
        }
        return new Outcome(segments.size(), counts[0], partsWritten, bytesWritten, partsSkipped, counts[1],
                segments.lastKey() + 1, counts[2] + 1);
    }

    private TreeMap<Long, Path> list() throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                long n = JournalSegment.number(p.getFileName().toString());
                if (n >= 0 && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(n, p);
                }
            }
        }
        return out;
    }

    private interface RecordSink {
        void accept(JournalRecord r) throws IOException;
    }

    /** Reads a segment's intact records, in order, skipping any already seen (by sequence). */
    private static void scan(Path segment, boolean cut, long[] counts, RecordSink sink) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            long pos = 0;
            while (true) {
                JournalRecord r = JournalRecord.read(ch, pos, size);
                if (r == null) {
                    break;
                }
                pos += r.framedSize();
                if (r.seq() > counts[2]) {
                    counts[2] = r.seq();
                    counts[0]++;
                    sink.accept(r);
                }
            }
            if (cut && pos < size) {
                // A torn tail, like a torn line: a record a crash cut short was never acknowledged.
                // Zeros are the space reserved for records, not a torn one.
                if (!zeros(ch, pos, size)) {
                    counts[1]++;
                }
                ch.truncate(pos);
                ch.force(false);
            }
        }
    }

    /**
     * Writes a part's lines at its position unless they are there already. A part beyond the file's
     * end is skipped: after a crash it cannot happen (the bytes before a scenario's first journaled
     * part were forced before the journal that held them was deleted), but a copy of the directory
     * whose scenario file is older than its journal would get a hole of zeros.
     */
    private void apply(JournalRecord.Part part) throws IOException {
        FileChannel ch = channel(part.scenario());
        ByteBuffer lines = part.lines().duplicate();
        int length = lines.remaining();
        if (ch.size() < part.position()) {
            partsSkipped++;
            return;
        }
        if (ch.size() >= part.position() + length) {
            ByteBuffer present = ByteBuffer.allocate(length);
            long pos = part.position();
            while (present.hasRemaining()) {
                pos += ch.read(present, pos);
            }
            present.flip();
            if (present.equals(lines)) {
                return;
            }
        }
        long pos = part.position();
        while (lines.hasRemaining()) {
            pos += ch.write(lines, pos);
        }
        written.add(ch);
        partsWritten++;
        bytesWritten += length;
    }

    private static boolean zeros(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (long pos = from; pos < to; ) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    private FileChannel channel(String scenario) throws IOException {
        FileChannel ch = open.get(scenario);
        if (ch != null) {
            return ch;
        }
        if (open.size() >= 1024) {
            Map.Entry<String, FileChannel> eldest = open.entrySet().iterator().next();
            close(eldest.getValue());
            open.remove(eldest.getKey());
        }
        Path path = ScenarioDirectory.inside(storeDir, scenario + ".jsonl");
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            touched.add(path);
        }
        ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
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

    private void closeAll() throws IOException {
        for (FileChannel ch : open.values()) {
            close(ch);
        }
        open.clear();
        if (!touched.isEmpty()) {
            DirectorySync.force(storeDir);
        }
    }
}
