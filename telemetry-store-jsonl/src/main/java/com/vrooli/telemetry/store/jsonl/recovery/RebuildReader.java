package com.vrooli.telemetry.store.jsonl.recovery;

import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import com.vrooli.telemetry.store.jsonl.read.GzipLines;
import com.vrooli.telemetry.store.jsonl.read.LineScanner;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the events of sealed segments, plain or gzip'd, and of a bounded range of a live file, to
 * rebuild summaries and the de-duplication window. Unreadable lines are skipped and counted.
 * Stateless.
 */
public final class RebuildReader {

    private RebuildReader() {
    }

    /** Streams the segment's events to {@code sink}; returns how many lines were unreadable. */
    static long scan(Segment segment, String scenario, Consumer<CountedEvent> sink) throws IOException {
        if (!segment.gzip()) {
            return scanRange(segment.path(), scenario, 0, Long.MAX_VALUE, sink);
        }
        long[] bad = {0};
        StoredLines decoder = StoredLines.of(scenario);
        GzipLines.read(segment.path(), StoredLines.MAX_LINE_BYTES, (buf, length, start, end) -> {
            accept(buf, 0, length, decoder, sink, bad);
            return true;
        });
        return bad[0];
    }

    /**
     * Like {@link #scan}, for a reader beside the writer: when the plain segment was compressed
     * since it was listed, reads the compressed copy.
     *
     * @throws NoSuchFileException when neither form exists any more (retention deleted it)
     */
    static long scanEitherForm(Segment segment, String scenario, Consumer<CountedEvent> sink) throws IOException {
        try {
            return scan(segment, scenario, sink);
        } catch (NoSuchFileException e) {
            if (segment.gzip()) {
                throw e;
            }
            SegmentName gz = new SegmentName(segment.name().scenario(), segment.number(), true);
            return scan(new Segment(gz, ScenarioDirectory.inside(segment.path().getParent(), gz.fileName()), 0,
                    segment.sealedAt()), scenario, sink);
        }
    }

    /** Streams the events of the whole lines of a plain file between two offsets; returns unreadable lines. */
    static long scanRange(Path file, String scenario, long from, long to, Consumer<CountedEvent> sink)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            LineScanner lines = new LineScanner(ch, from, Math.min(to, ch.size()), StoredLines.MAX_LINE_BYTES);
            StoredLines decoder = StoredLines.of(scenario);
            long[] bad = {0};
            while (lines.advance()) {
                if (lines.oversized()) {
                    bad[0]++;
                } else {
                    accept(lines.buffer(), lines.lineOffset(), lines.lineLength(), decoder, sink, bad);
                }
            }
            return bad[0];
        }
    }

    /** The time of the segment's first readable event, or null when it has none. */
    public static Instant firstEvent(Segment segment, String scenario) throws IOException {
        if (!segment.gzip()) {
            return FileRecovery.firstEvent(segment.path(), scenario);
        }
        Instant[] first = {null};
        GzipLines.read(segment.path(), StoredLines.MAX_LINE_BYTES, (buf, length, start, end) -> {
            TelemetryEvent e = buf == null || length == 0 ? null : StoredLines.decode(scenario, buf, 0, length);
            first[0] = e == null ? null : e.timestamp();
            return first[0] == null;
        });
        return first[0];
    }

    private static void accept(byte[] buf, int offset, int length, StoredLines decoder,
                               Consumer<CountedEvent> sink, long[] bad) {
        if (buf == null) {
            bad[0]++;
            return;
        }
        if (StoredLines.isBlank(buf, offset, length)) {
            return;
        }
        CountedEvent e = decoder.decodeForCounting(buf, offset, length);
        if (e == null) {
            bad[0]++;
        } else {
            sink.accept(e);
        }
    }
}
