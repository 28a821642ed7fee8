package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.util.function.Consumer;

/**
 * Collects the fingerprints of the newest {@code quota} event ids of one scenario while its file
 * is read front to back on open, then hands them to the {@link DedupWindow} oldest first. The ring
 * grows with use up to the quota. Not thread-safe.
 */
final class RecentIds implements Consumer<TelemetryEvent> {

    private final String scenario;
    private final int quota;
    private long[] ring;
    private int head;
    private int size;

    RecentIds(String scenario, int quota) {
        this.scenario = scenario;
        this.quota = quota;
        this.ring = new long[Math.min(16, quota)];
    }

    @Override
    public void accept(TelemetryEvent e) {
        if (e.eventId() != null) {
            add(DedupWindow.fingerprint(scenario, e.eventId()));
        }
    }

    /** Remembers one fingerprint as the newest, forgetting the oldest when the quota is reached. */
    void add(long fp) {
        if (quota == 0) {
            return;
        }
        if (size == quota) {
            ring[head] = fp;
            head = (head + 1) % quota;
            return;
        }
        if (size == ring.length) {
            long[] bigger = new long[(int) Math.min(quota, ring.length * 2L)];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = fp;
        size++;
    }

    String scenario() {
        return scenario;
    }

    int quota() {
        return quota;
    }

    int size() {
        return size;
    }

    /** Adds the collected fingerprints to {@code other}, oldest first. */
    void addTo(RecentIds other) {
        for (int i = 0; i < size; i++) {
            other.add(ring[(head + i) % ring.length]);
        }
    }

    /** Adds the collected fingerprints to the window, oldest first. */
    void addTo(DedupWindow window) {
        for (int i = 0; i < size; i++) {
            window.add(ring[(head + i) % ring.length]);
        }
    }
}
