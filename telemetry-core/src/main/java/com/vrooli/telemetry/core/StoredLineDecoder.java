package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes stored lines one after another, for a reader of many lines (a store rebuilding its
 * summaries from its files), deciding each exactly as {@link EventDecoder#decodeLine} does on its
 * own. A line in the exact shape the store writes is read by {@link StoredLineShape}, which checks
 * the same rules without looking keys up and remembers the names and the day it found valid; any
 * other line (hand-edited, another writer's, or one that breaks a rule) goes the general way of
 * {@code decodeLine}, which words the problem. Both ways keep what {@code decodeLine} makes afresh
 * for each line (the table of repeated names, over a kilobyte; the compact reader; the completer
 * with the names it last found valid), so a line costs the event and its parts only.
 *
 * <p>Not thread-safe: one per reading thread (see {@link EventDecoder#lineDecoder()}).
 */
public final class StoredLineDecoder {

    private final JsonFactory factory;
    private final RepeatedStrings repeated = new RepeatedStrings();
    private final List<EventDraft> drafts = new ArrayList<>(2);
    private final CompactBodyReader compact;
    private final DraftCompleter completer;
    private final StoredLineShape storedShape;
    /** Whether lines in the compact shape are read without the parser; false only for tests. */
    private final boolean compactPath;

    StoredLineDecoder(DecodeLimits limits, JsonFactory factory, boolean compactPath) {
        this.factory = factory;
        this.compact = new CompactBodyReader(new byte[0], 0, 0, drafts, repeated);
        this.completer = new DraftCompleter(limits, factory);
        this.storedShape = new StoredLineShape(limits);
        this.compactPath = compactPath;
    }

    /**
     * Decodes one stored line (without its newline; a trailing {@code \r} is tolerated). The
     * timestamp and scenario must be present.
     *
     * @throws MalformedBodyException when the line is not a valid event
     */
    public TelemetryEvent decode(byte[] buf, int offset, int length) {
        return decodeForCounting(buf, offset, length).toEvent();
    }

    /**
     * As {@link #decode}, for a reader that counts the line and moves on (a store rebuilding its
     * aggregates): a line in the stored shape is returned as a view valid until the next call,
     * whose id and details are made only if {@link CountedEvent#toEvent()} is called; any other
     * line as its event.
     *
     * @throws MalformedBodyException when the line is not a valid event
     */
    public CountedEvent decodeForCounting(byte[] buf, int offset, int length) {
        int end = offset + length;
        if (end > offset && buf[end - 1] == '\r') {
            end--;
        }
        if (compactPath && offset < end) {
            StoredLine stored = storedShape.read(buf, offset, end);
            if (stored != null) {
                return stored;
            }
        }
        EventDraft draft = offset < end ? readCompact(buf, offset, end) : null;
        if (draft == null) {
            draft = new JacksonBodyReader(factory, repeated).readLine(buf, offset, end, 0);
        }
        if (draft == null) {
            throw new MalformedBodyException("line is empty");
        }
        if (draft.timestamp == null && draft.error == null) {
            draft.fail("timestamp is required");
        }
        DraftCompleter.Outcome outcome = completer.complete(draft, null, null, null);
        if (outcome instanceof DraftCompleter.Rejected rejected) {
            throw new MalformedBodyException(rejected.error().error());
        }
        return ((DraftCompleter.Accepted) outcome).event();
    }

    /** The line's one draft when it is in the compact shape, else null (the parser reads it). */
    private EventDraft readCompact(byte[] buf, int from, int to) {
        if (!compactPath) {
            return null;
        }
        drafts.clear();
        boolean read = compact.reset(buf, from, to).readLines();
        EventDraft draft = read && drafts.size() == 1 ? drafts.get(0) : null;
        drafts.clear();
        return draft;
    }
}
