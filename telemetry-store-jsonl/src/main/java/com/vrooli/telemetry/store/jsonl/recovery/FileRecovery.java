package com.vrooli.telemetry.store.jsonl.recovery;

import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.read.LineScanner;
import com.vrooli.telemetry.store.jsonl.read.StoredLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads a scenario file on open (or a read-only refresh) and repairs a torn last line.
 *
 * <p>{@link #scan} streams the whole lines from an offset to a consumer and counts the unreadable
 * ones. {@link #moveTornTail} appends the bytes after the last newline, a line a crash cut short,
 * to {@code {scenario}.jsonl.corrupt} (followed by a newline), forces it, and only then truncates
 * the scenario file to its last newline, so the next append starts on a clean line and nothing is
 * lost if a crash interrupts the repair. Stateless.
 */
public final class FileRecovery {

    private static final byte[] NEWLINE = {'\n'};

    private FileRecovery() {
    }

    /**
     * What a scan found.
     *
     * @param wholeLinesEnd offset just after the last whole line
     * @param fileSize      the file's size when the scan started
     * @param badLines      unreadable lines skipped
     */
    record Scan(long wholeLinesEnd, long fileSize, long badLines) {

        /** True when the file ends with a line that has no newline. */
        boolean tornTail() {
            return fileSize > wholeLinesEnd;
        }
    }

    /** Streams the events of the whole lines at and after {@code from} to {@code sink}. */
    static Scan scan(Path file, String scenario, long from, Consumer<CountedEvent> sink) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            LineScanner lines = new LineScanner(ch, from, size, StoredLines.MAX_LINE_BYTES);
            StoredLines decoder = StoredLines.of(scenario);
            long bad = 0;
            while (lines.advance()) {
                if (lines.oversized()) {
                    bad++;
                    continue;
                }
                byte[] buf = lines.buffer();
                if (StoredLines.isBlank(buf, lines.lineOffset(), lines.lineLength())) {
                    continue;
                }
                CountedEvent e = decoder.decodeForCounting(buf, lines.lineOffset(), lines.lineLength());
                if (e == null) {
                    bad++;
                } else {
                    sink.accept(e);
                }
            }
            return new Scan(lines.wholeLinesEnd(), size, bad);
        }
    }

    /** The time of the file's first readable event, or null when it has none. */
    public static Instant firstEvent(Path file, String scenario) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            LineScanner lines = new LineScanner(ch, 0, ch.size(), StoredLines.MAX_LINE_BYTES);
            while (lines.advance()) {
                TelemetryEvent e = lines.oversized() ? null
                        : StoredLines.decode(scenario, lines.buffer(), lines.lineOffset(), lines.lineLength());
                if (e != null) {
                    return e.timestamp();
                }
            }
            return null;
        }
    }

    /** Moves the bytes after {@code wholeLinesEnd} to the corrupt file and cuts them off. */
    public static void moveTornTail(Path file, Path corruptFile, long wholeLinesEnd) throws IOException {
        try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = src.size();
            if (size <= wholeLinesEnd) {
                return;
            }
            try (FileChannel dst = FileChannel.open(corruptFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
                long pos = wholeLinesEnd;
                while (pos < size) {
                    pos += src.transferTo(pos, size - pos, dst);
                }
                ByteBuffer newline = ByteBuffer.wrap(NEWLINE);
                while (newline.hasRemaining()) {
                    dst.write(newline);
                }
                dst.force(true);
            }
            src.truncate(wholeLinesEnd);
            src.force(true);
        }
    }
}
