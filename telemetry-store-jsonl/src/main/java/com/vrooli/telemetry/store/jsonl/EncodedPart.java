package com.vrooli.telemetry.store.jsonl;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's part of a batch, encoded as stored lines before any lock is taken: the lines as
 * one byte array, where each line ends, and each event's de-duplication fingerprint (0 when it has
 * no event id). Immutable after construction.
 */
final class EncodedPart {

    final String scenario;
    final List<TelemetryEvent> events;
    private final byte[] bytes;
    private final int[] lineEnds;
    private final long[] fingerprints;

    private EncodedPart(String scenario, List<TelemetryEvent> events) {
        this.scenario = scenario;
        this.events = events;
        this.lineEnds = new int[events.size()];
        this.fingerprints = new long[events.size()];
        ByteArrayBuilder out = new ByteArrayBuilder(events.size() * 160);
        for (int i = 0; i < events.size(); i++) {
            TelemetryEvent e = events.get(i);
            EventLineCodec.encodeTo(e, out);
            lineEnds[i] = out.size();
            fingerprints[i] = e.eventId() == null ? 0 : DedupWindow.fingerprint(scenario, e.eventId());
        }
        this.bytes = out.toByteArray();
    }

    /** Splits a batch by scenario, keeping each scenario's events in batch order. */
    static List<EncodedPart> split(List<TelemetryEvent> batch) {
        Map<String, List<TelemetryEvent>> byScenario = new LinkedHashMap<>();
        for (TelemetryEvent e : batch) {
            byScenario.computeIfAbsent(e.scenario(), k -> new ArrayList<>()).add(e);
        }
        List<EncodedPart> parts = new ArrayList<>(byScenario.size());
        byScenario.forEach((scenario, events) -> parts.add(new EncodedPart(scenario, events)));
        return parts;
    }

    int size() {
        return events.size();
    }

    /** The de-duplication fingerprint of event {@code i}, or 0 when it has no id. */
    long fingerprint(int i) {
        return fingerprints[i];
    }

    /** The lines of the kept events, in order. */
    ByteBuffer lines(boolean[] keep, int keptCount) {
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
