package com.vrooli.telemetry.store.jsonl.append;

import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.dedup.BatchRepeatFinder;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's part of a batch, encoded as stored lines before any lock is taken: the lines in
 * one exactly sized byte array, where each line ends, each event's de-duplication fingerprint (0
 * when it has no event id), and which events repeat an event id seen earlier in the part. Immutable
 * after construction.
 */
public final class EncodedPart {

    public final String scenario;
    public final List<TelemetryEvent> events;
    private final byte[] bytes;
    private final int[] lineEnds;
    private final long[] fingerprints;
    /** Null when no event repeats an earlier one's id (the usual case). */
    private final boolean[] repeats;

    private EncodedPart(String scenario, List<TelemetryEvent> events) {
        this.scenario = scenario;
        this.events = events;
        int n = events.size();
        this.lineEnds = new int[n];
        this.fingerprints = new long[n];
        long scenarioHash = DedupWindow.scenarioHash(scenario);
        long length = 0;
        for (int i = 0; i < n; i++) {
            TelemetryEvent e = events.get(i);
            length += EventLineCodec.encodedLength(e) + 1;
            if (length > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a batch of more than 2 GiB of lines for scenario " + scenario);
            }
            lineEnds[i] = (int) length;
            fingerprints[i] = e.eventId() == null ? 0 : DedupWindow.fingerprint(scenarioHash, e.eventId());
        }
        this.bytes = new byte[(int) length];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            pos = EventLineCodec.encodeTo(events.get(i), bytes, pos);
        }
        if (pos != length) {
            throw new IllegalStateException("encoded " + pos + " bytes where " + length + " were expected");
        }
        this.repeats = n > 1 ? BatchRepeatFinder.find(fingerprints) : null;
    }

    /** Splits a batch by scenario, keeping each scenario's events in batch order. */
    static List<EncodedPart> split(List<TelemetryEvent> batch) {
        Map<String, List<TelemetryEvent>> byScenario = new LinkedHashMap<>();
        String lastScenario = null;
        List<TelemetryEvent> last = null;
        for (TelemetryEvent e : batch) {
            // Events of a scenario often come in runs, and a decoded body shares one String per name.
            if (e.scenario() != lastScenario) {
                lastScenario = e.scenario();
                last = byScenario.computeIfAbsent(lastScenario, k -> new ArrayList<>());
            }
            last.add(e);
        }
        List<EncodedPart> parts = new ArrayList<>(byScenario.size());
        byScenario.forEach((scenario, events) -> parts.add(new EncodedPart(scenario, events)));
        return parts;
    }

    /** Bytes of all the part's lines (an upper bound of what one append writes). */
    public int byteLength() {
        return bytes.length;
    }

    public int size() {
        return events.size();
    }

    /** The de-duplication fingerprints, one per event, 0 for an event without an id; not to be changed. */
    public long[] fingerprints() {
        return fingerprints;
    }

    /** Whether event {@code i} has the id of an earlier event of this part. */
    public boolean repeatsEarlier(int i) {
        return repeats != null && repeats[i];
    }

    /** The lines of the kept events, in order. */
    public ByteBuffer lines(boolean[] keep, int keptCount) {
        if (keptCount == events.size()) {
            return ByteBuffer.wrap(bytes);
        }
        int length = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                length += lineEnds[i] - lineStart(i);
            }
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                int start = lineStart(i);
                System.arraycopy(bytes, start, out, at, lineEnds[i] - start);
                at += lineEnds[i] - start;
            }
        }
        return ByteBuffer.wrap(out);
    }

    private int lineStart(int i) {
        return i == 0 ? 0 : lineEnds[i - 1];
    }
}
