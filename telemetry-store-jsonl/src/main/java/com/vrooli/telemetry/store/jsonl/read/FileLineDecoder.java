package com.vrooli.telemetry.store.jsonl.read;

import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.DecodeResult;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.StoredLineDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryException;
import com.vrooli.telemetry.store.jsonl.JsonlFileSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Decodes the lines of a file read on its own ({@link JsonlFileSource}): stored lines, and the
 * lines a bundle's runtime writes, which name no scenario (they belong to the file's scenario),
 * may carry {@code ts} or {@code timestamp}, and may carry a top-level {@code service_id} (kept in
 * {@code details}, as the upload path keeps it). A timestamp is required: a line without one is no
 * record of when anything happened. Lines that are not events are counted once each, by their
 * offset, however many reads pass them. Not thread-safe.
 */
public final class FileLineDecoder {

    /**
     * Given to events without a timestamp by the upload decoder, so that they can be refused: one
     * nanosecond into year 1, which no runtime writes.
     */
    private static final Instant NO_TIMESTAMP = Instant.parse("0001-01-01T00:00:00.000000001Z");
    /** Offsets of skipped lines remembered so that re-reads do not count them again; past it, counts may repeat. */
    private static final int MAX_REMEMBERED = 100_000;

    private static final EventDecoder DECODER = EventDecoder.create(
            // A file read back is judged by its own timestamps, never against a clock.
            new DecodeLimits(StoredLines.MAX_LINE_BYTES, StoredLines.MAX_LINE_BYTES, DecodeLimits.NO_FUTURE_LIMIT));

    private final String fileScenario;
    /** Keeps its buffers and checked names from line to line (a fresh one per line costs more than the line). */
    private final StoredLineDecoder lines = DECODER.lineDecoder();
    private final Set<Long> skippedAt = new HashSet<>();
    private long skipped;
    private String firstSkipReason;

    public FileLineDecoder(String fileScenario) {
        this.fileScenario = fileScenario;
    }

    /**
     * The event of the line at {@code lineStart}, or null when it is not one. With
     * {@code countSkip} false (a last line without its newline, which may be half-written) a
     * failure is not counted.
     */
    public TelemetryEvent decode(byte[] buf, int offset, int length, long lineStart, boolean countSkip) {
        if (isWhitespace(buf, offset, length)) {
            return null;
        }
        String problem;
        try {
            return lines.decode(buf, offset, length);
        } catch (TelemetryException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        // Not a stored line: read it as a runtime's line, whose scenario is the file's.
        try {
            DecodeResult r = DECODER.decode(buf, offset, length, BodyFormat.NDJSON, fileScenario, NO_TIMESTAMP);
            if (r.errors().isEmpty() && r.events().size() == 1) {
                TelemetryEvent e = r.events().get(0);
                if (!e.timestamp().equals(NO_TIMESTAMP)) {
                    return e;
                }
                problem = "timestamp is required";
            } else if (!r.errors().isEmpty()) {
                problem = r.errors().get(0).error();
            }
        } catch (TelemetryException | IllegalArgumentException e) {
            // The first reading's words are the clearer ones for a line that is not JSON at all.
        }
        if (countSkip) {
            skip(lineStart, "line at byte " + lineStart + ": " + problem);
        }
        return null;
    }

    /** Files edited by hand may hold lines of spaces: they are no more an error than empty lines. */
    private static boolean isWhitespace(byte[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Counts a line that is not an event. */
    void skip(long lineStart, String reason) {
        boolean seenBefore = skippedAt.size() < MAX_REMEMBERED ? !skippedAt.add(lineStart) : skippedAt.contains(lineStart);
        if (seenBefore) {
            return;
        }
        if (skipped++ == 0) {
            firstSkipReason = reason;
        }
    }

    public long skipped() {
        return skipped;
    }

    public String firstSkipReason() {
        return firstSkipReason;
    }
}
