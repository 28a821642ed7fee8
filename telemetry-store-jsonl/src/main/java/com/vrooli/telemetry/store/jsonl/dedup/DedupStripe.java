package com.vrooli.telemetry.store.jsonl.dedup;

/**
 * One part of a {@link DedupWindow}: at most {@code capacity} fingerprints, the oldest forgotten
 * first, in a ring (for eviction order) and an open-addressing hash table with backward-shift
 * deletion, about 24 bytes per id when full, growing with use. Thread-safe (one lock).
 */
final class DedupStripe {


    private static final int INITIAL_TABLE = 1 << 10;

    private final int capacity;
    private final int maxTable;
    private long[] ring;
    private int head;
    private int size;
    private long[] table;

    DedupStripe(int capacity) {
        this.capacity = capacity;
        this.maxTable = Integer.highestOneBit(Math.max(INITIAL_TABLE, capacity) * 2 - 1) * 2;
        this.ring = new long[Math.min(capacity, INITIAL_TABLE / 2)];
        this.table = new long[Math.min(INITIAL_TABLE, maxTable)];
    }

    int capacity() {
        return capacity;
    }

    synchronized int size() {
        return size;
    }

    /** The remembered fingerprints, oldest first (for tests comparing two windows). */
    synchronized long[] oldestFirst() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(head + i) % ring.length];
        }
        return out;
    }

    synchronized boolean contains(long fp) {
        return containsLocked(fp);
    }

    /** Clears {@code keep[i]} for each index {@code i} in {@code indexes[from, to)} whose fingerprint is remembered now. */
    synchronized void dropKnown(long[] fps, boolean[] keep, int[] indexes, int from, int to) {
        for (int k = from; k < to; k++) {
            int i = indexes[k];
            if (keep[i] && containsLocked(fps[i])) {
                keep[i] = false;
            }
        }
    }

    private boolean containsLocked(long fp) {
        int mask = table.length - 1;
        for (int i = DedupWindow.home(fp, mask); table[i] != 0; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return true;
            }
        }
        return false;
    }

    /** Remembers a fingerprint, forgetting the oldest one when full; no-op when already present. */
    synchronized void add(long fp) {
        addLocked(fp);
    }

    /** {@link #add} for each index {@code i} in {@code indexes[from, to)} whose {@code keep[i]} is true, in order. */
    synchronized void addAll(long[] fps, boolean[] keep, int[] indexes, int from, int to) {
        for (int k = from; k < to; k++) {
            int i = indexes[k];
            if (keep[i]) {
                addLocked(fps[i]);
            }
        }
    }

    private void addLocked(long fp) {
        int mask = table.length - 1;
        int slot = DedupWindow.home(fp, mask);
        while (table[slot] != 0) {
            if (table[slot] == fp) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity) {
            remove(ring[head]);
            ring[head] = fp;
            head = (head + 1) % capacity;
            insert(fp); // the removal may have shifted the free slot found above
            return;
        }
        if (size == ring.length) {
            growRing();
        }
        ring[(head + size) % ring.length] = fp;
        size++;
        if (size * 2 > table.length && table.length < maxTable) {
            rehash(table.length * 2);
            insert(fp);
        } else {
            table[slot] = fp;
        }
    }

    /** Sizes the ring and the table for {@code more} ids to come, so that adding them does not rehash. */
    synchronized void expect(int more) {
        int expected = (int) Math.min(capacity, (long) size + more);
        if (expected > ring.length) {
            long[] bigger = new long[expected];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        int tableLength = table.length;
        while ((long) expected * 2 > tableLength && tableLength < maxTable) {
            tableLength *= 2;
        }
        if (tableLength != table.length) {
            rehash(tableLength);
        }
    }

    private void growRing() {
        long[] bigger = new long[(int) Math.min(capacity, ring.length * 2L)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    private void rehash(int newLength) {
        long[] old = table;
        table = new long[newLength];
        for (long fp : old) {
            if (fp != 0) {
                insert(fp);
            }
        }
    }

    private void insert(long fp) {
        int mask = table.length - 1;
        int i = DedupWindow.home(fp, mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = fp;
    }

    /** Removes with backward shifting, so that no tombstones are needed. */
    private void remove(long fp) {
        int mask = table.length - 1;
        int i = DedupWindow.home(fp, mask);
        while (table[i] != fp) {
            if (table[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (table[j] == 0) {
                break;
            }
            int k = DedupWindow.home(table[j], mask);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = 0;
    }
}
