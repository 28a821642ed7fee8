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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays the {@link Journal} on open, before the scenarios are loaded: every intact record's parts
 * are written into their scenario files at their recorded positions, unless those bytes are already
 * there, then the files are forced and the journal's segments renamed out of it (to be deleted
 * behind the open).
 *
 * <p>One pass over the journal ({@link JournalSegmentReader}): each part is compared with its live
 * file as it is read, which after a process crash (the page cache keeps every written byte) finds
 * everything present and writes nothing; a part whose bytes are not there is noted (where it is in
 * the segment) and written at the end, unless a later rotation marker of its scenario drops it.
 *
 * <p>Why exactly once, whatever the moment of the crash: a part is written at its own position,
 * so writing it again changes nothing (a crash during replay is replayed again); a scenario's parts
 * are in the journal in the order of its file, and an acknowledged record has every record before
 * it durable, so no part lands beyond a hole; a part written before its scenario's latest rotation
 * marker is skipped (the rotation forced it into the sealed segment, and the live file it was
 * written to is no longer the live file). A segment ends at its first frame that is not a whole,
 * intact record (a torn tail): the segment is cut there. Records from before the replay are never
 * written to again, since every segment is renamed out of the journal once the replayed files are
 * forced (and deleted later, off the opening thread: {@link ReplayedSegments}).
 */
public final class JournalReplay {

    /** What a replay did, and where the new journal starts. */
    record Outcome(int segments, long records, long partsWritten, long bytesWritten, long partsSkipped,
                   long tornTails, long nextSegment, long nextSeq, List<Path> replayed) {
    }

    /**
     * Appended to a segment's name once it is replayed: {@link JournalSegment#number} no longer
     * recognises it, and it is left to {@link ReplayedSegments} to delete.
     */
    static final String REPLAYED = ".replayed";

    /** A part whose lines were not in its file when read: where they are in their segment, and where they go. */
    private record Missing(Path segment, long linesOffset, int length, long position) {
    }

    private final Path storeDir;
    private final Path dir;
    /** Segments replayed by an earlier open that were not deleted yet, then the ones this replay renames. */
    private final List<Path> replayed = new ArrayList<>();
    /** Per scenario, in journal order, the parts to write after the pass (a marker drops the earlier ones). */
    private final Map<String, List<Missing>> missing = new LinkedHashMap<>();
    private long records;
    private long highestSeq;
    private long tornTails;
    private long partsWritten;
    private long bytesWritten;
    private long partsSkipped;

    private JournalReplay(Path storeDir) {
        this.storeDir = storeDir;
        this.dir = storeDir.resolve(Journal.DIRECTORY);
    }

    /**
     * Replays {@code {storeDir}/.journal/} into the scenario files; nothing to do without one. The
     * replayed segments are renamed, not deleted (see {@link Outcome#replayed}): delete them with
     * {@link ReplayedSegments}.
     */
    public static Outcome replay(Path storeDir) throws IOException {
        return new JournalReplay(storeDir).run();
    }

    private Outcome run() throws IOException {
        TreeMap<Long, Path> segments = list();
        if (segments.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0, 0, 1, 1, List.copyOf(replayed));
        }
        try (ReplayTargets targets = new ReplayTargets(storeDir)) {
            for (Path segment : segments.values()) {
                read(segment, targets);
            }
            writeMissing(targets);
        }
        // Oldest first, each made durable before the next, as deletions were: an older segment that came
        // back after a power loss without the newer one (holding a rotation marker) would be replayed
        // into a new live file. A rename is as cheap as the deletion is not (see ReplayedSegments).
        for (Path segment : segments.values()) {
            Path renamed = segment.resolveSibling(segment.getFileName() + REPLAYED);
            // A leftover of that name (an earlier open replayed a segment of the same number) is garbage too.
            Files.deleteIfExists(renamed);
            Files.move(segment, renamed, StandardCopyOption.ATOMIC_MOVE);
            DirectorySync.force(dir);
            if (!replayed.contains(renamed)) {
                replayed.add(renamed);
            }
        }
        return new Outcome(segments.size(), records, partsWritten, bytesWritten, partsSkipped, tornTails,
                segments.lastKey() + 1, highestSeq + 1, List.copyOf(replayed));
    }

    private TreeMap<Long, Path> list() throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                long n = JournalSegment.number(name);
                if (n >= 0 && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(n, p);
                } else if (name.endsWith(REPLAYED) && JournalSegment.number(
                        name.substring(0, name.length() - REPLAYED.length())) >= 0) {
                    replayed.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Reads a segment's intact records, in order, skipping any already seen (by sequence), compares
     * their parts with the live files, then cuts the segment's torn tail.
     */
    private void read(Path segment, ReplayTargets targets) throws IOException {
        try (JournalSegmentReader reader = JournalSegmentReader.open(segment)) {
            JournalSegmentReader.PartSink sink = (seq, scenario, position, lines, linesOffset) -> {
                if (seq <= highestSeq) {
                    // Written twice (a record whose first write failed): its first copy was replayed.
                    return;
                }
                if (position == JournalRecord.ROTATED) {
                    missing.remove(scenario);
                } else if (!targets.holds(scenario, position, lines)) {
                    missing.computeIfAbsent(scenario, s -> new ArrayList<>())
                            .add(new Missing(segment, linesOffset, lines.remaining(), position));
                }
            };
            long seq;
            while ((seq = reader.next(sink)) >= 0) {
                if (seq > highestSeq) {
                    highestSeq = seq;
                    records++;
                }
            }
            if (reader.cutTornTail()) {
                tornTails++;
            }
        }
    }

    /** Writes the parts found missing, scenario by scenario, in journal order. */
    private void writeMissing(ReplayTargets targets) throws IOException {
        Map<Path, FileChannel> sources = new HashMap<>();
        try {
            for (Map.Entry<String, List<Missing>> scenario : missing.entrySet()) {
                for (Missing m : scenario.getValue()) {
                    FileChannel source = sources.get(m.segment());
                    if (source == null) {
                        source = FileChannel.open(m.segment(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                        sources.put(m.segment(), source);
                    }
                    ByteBuffer lines = ByteBuffer.allocate(m.length());
                    for (long pos = m.linesOffset(); lines.hasRemaining(); ) {
                        int n = source.read(lines, pos);
                        if (n < 0) {
                            throw new IOException("journal segment " + m.segment() + " shrank during its replay");
                        }
                        pos += n;
                    }
                    lines.flip();
                    switch (targets.apply(scenario.getKey(), m.position(), lines)) {
                        case WRITTEN -> {
                            partsWritten++;
                            bytesWritten += m.length();
                        }
                        case BEYOND_END -> partsSkipped++;
                        case PRESENT -> { }
                    }
                }
            }
        } finally {
            for (FileChannel source : sources.values()) {
                source.close();
            }
        }
    }
}
