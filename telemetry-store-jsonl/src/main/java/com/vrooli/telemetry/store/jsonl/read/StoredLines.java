package com.vrooli.telemetry.store.jsonl.read;

import com.vrooli.telemetry.core.CountedEvent;
import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.StoredLineDecoder;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryException;

/**
 * Reads stored lines back into events. Lines are decoded with generous limits (whatever the
 * server's upload limits were when they were written); a line that is not a valid event of the
 * file's own scenario is unreadable.
 *
 * <p>An instance ({@link #of}) reads one scenario's lines one after another and keeps its decoder's
 * buffers and checked names between them (see {@link StoredLineDecoder}): what a scan of a whole
 * file uses, since a fresh decoder per line cost about a kilobyte of allocation and the name checks
 * again for every line. Instances are not thread-safe; the static methods are.
 */
public final class StoredLines {

    /** Longest line read back: longer ones are skipped as unreadable without being held in memory. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final EventDecoder DECODER =
            EventDecoder.create(new DecodeLimits(MAX_LINE_BYTES, MAX_LINE_BYTES));

    private final String scenario;
    private final StoredLineDecoder decoder = DECODER.lineDecoder();

    private StoredLines(String scenario) {
        this.scenario = scenario;
    }

    /** A reader of {@code scenario}'s lines, for one thread. */
    public static StoredLines of(String scenario) {
        return new StoredLines(scenario);
    }

    /** The event of a line of this scenario's file, or null when the line is unreadable. */
    public TelemetryEvent decode(byte[] buf, int offset, int length) {
        try {
            TelemetryEvent e = decoder.decode(buf, offset, length);
            return e.scenario().equals(scenario) ? e : null;
        } catch (TelemetryException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * As {@link #decode(byte[], int, int)}, for a scan that counts the line and moves on: see
     * {@link StoredLineDecoder#decodeForCounting} (the result is valid until the next call).
     */
    public CountedEvent decodeForCounting(byte[] buf, int offset, int length) {
        try {
            CountedEvent e = decoder.decodeForCounting(buf, offset, length);
            return e.scenario().equals(scenario) ? e : null;
        } catch (TelemetryException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The event of a line of {@code scenario}'s file, or null when the line is unreadable. */
    public static TelemetryEvent decode(String scenario, byte[] buf, int offset, int length) {
        try {
            TelemetryEvent e = DECODER.decodeLine(buf, offset, length);
            return e.scenario().equals(scenario) ? e : null;
        } catch (TelemetryException | IllegalArgumentException e) {
            return null;
        }
    }

    /** True for an empty line (or a lone {@code \r}), which is skipped without being counted as bad. */
    public static boolean isBlank(byte[] buf, int offset, int length) {
        return length == 0 || (length == 1 && buf[offset] == '\r');
    }
}
