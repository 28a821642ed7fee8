package com.vrooli.telemetry.store.jsonl.dedup;

import com.vrooli.telemetry.core.CountedEvent;
import java.util.function.Consumer;

/**
 * The fingerprints of one scenario's newest event ids, at most a quota, oldest forgotten first:
 * collected while the file is read on open, kept up to date by appends, persisted in snapshots, and
 * handed to the {@link DedupWindow} oldest first. The quota can shrink (more scenarios share the
 * window); the ring grows with use up to it and shrinks when it is mostly empty. Not thread-safe.
 */
public final class NewestIdRing implements Consumer<CountedEvent> {

    /** {@link DedupWindow#scenarioHash} of the scenario, hashed once rather than for every id. */
    private final long scenarioHash;
    private int quota;
    private long[] ring;
    private int head;
    private int size;

    public NewestIdRing(String scenario, int quota) {
        this.scenarioHash = DedupWindow.scenarioHash(scenario);
        this.quota = Math.max(0, quota);
        this.ring = new long[Math.min(16, this.quota)];
    }

    @Override
    public void accept(CountedEvent e) {
        CharSequence id = e.eventIdText();
        if (id != null) {
            add(DedupWindow.fingerprint(scenarioHash, id));
        }
    }

    /** Remembers one fingerprint as the newest, forgetting the oldest when the quota is reached. */
    public void add(long fp) {
        if (quota == 0) {
            return;
        }
        if (size == quota) {
            ring[head] = fp;
            head = (head + 1) % ring.length;
            return;
        }
        if (size == ring.length) {
            resize((int) Math.min(quota, Math.max(16, ring.length * 2L)));
        }
        ring[(head + size) % ring.length] = fp;
        size++;
    }

    /** Lowers (or raises) the quota, forgetting the oldest fingerprints beyond it. */
    public void limit(int newQuota) {
        newQuota = Math.max(0, newQuota);
        if (newQuota == quota) {
            return;
        }
        while (size > newQuota) {
            head = (head + 1) % ring.length;
            size--;
        }
        quota = newQuota;
        if (ring.length > quota || (ring.length > 64 && size * 4 < ring.length)) {
            resize(Math.min(quota, Math.max(size, 16)));
        }
    }

    private void resize(int length) {
        long[] resized = new long[length];
        for (int i = 0; i < size; i++) {
            resized[i] = ring[(head + i) % ring.length];
        }
        ring = resized;
        head = 0;
    }

    public int quota() {
        return quota;
    }

    public int size() {
        return size;
    }

    /** The fingerprints, oldest first. */
    public long[] toArray() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(head + i) % ring.length];
        }
        return out;
    }

    /** Adds the collected fingerprints to {@code other}, oldest first. */
    public void addTo(NewestIdRing other) {
        for (int i = 0; i < size; i++) {
            other.add(ring[(head + i) % ring.length]);
        }
    }

    /** Copies the collected fingerprints, oldest first, into {@code out} at {@code at}; returns the index after them. */
    public int copyTo(long[] out, int at) {
        for (int i = 0; i < size; i++) {
            out[at++] = ring[(head + i) % ring.length];
        }
        return at;
    }
}
