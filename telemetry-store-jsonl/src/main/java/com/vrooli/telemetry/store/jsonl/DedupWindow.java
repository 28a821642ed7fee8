package com.vrooli.telemetry.store.jsonl;

/**
 * The event ids the store remembers for de-duplication: the most recently stored ones, across all
 * scenarios, at most {@code capacity} in total; the oldest is forgotten first.
 *
 * <p>Each id is kept as a 64-bit fingerprint of {@code (scenario, event_id)} in a ring (for
 * eviction order) and an open-addressing hash table, about 24 bytes per id when full (25 MB at the
 * default of one million), growing with use. Two different ids share a fingerprint with
 * probability about {@code capacity / 2^64} per stored event (5e-14 at the default), which would
 * count a new event as a duplicate. Thread-safe.
 */
final class DedupWindow {

    /** One million ids: about 25 MB when full. */
    static final int DEFAULT_CAPACITY = 1_000_000;
    /** Largest capacity accepted (about 6 GB when full). */
    static final int MAX_CAPACITY = 1 << 28;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int INITIAL_TABLE = 1 << 10;

    private final int capacity;
    private final int maxTable;
    private long[] ring;
    private int head;
    private int size;
    private long[] table;

    DedupWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("dedup window must hold between 1 and " + MAX_CAPACITY
                    + " event ids, got " + capacity);
        }
        this.capacity = capacity;
        this.maxTable = Integer.highestOneBit(Math.max(INITIAL_TABLE, capacity) * 2 - 1) * 2;
        this.ring = new long[Math.min(capacity, INITIAL_TABLE / 2)];
        this.table = new long[Math.min(INITIAL_TABLE, maxTable)];
    }

    /** The fingerprint of an event id within its scenario; never 0. */
    static long fingerprint(String scenario, String eventId) {
        return fingerprint(scenarioHash(scenario), eventId);
    }

    /**
     * The hash state after a scenario name and the separator, so that the fingerprints of many
     * ids of one scenario hash its name once: {@code fingerprint(scenarioHash(s), id)} equals
     * {@code fingerprint(s, id)}.
     */
    static long scenarioHash(String scenario) {
        // '/' cannot occur in a scenario name, so the split is unambiguous
        return (hash(FNV_OFFSET, scenario) ^ '/') * FNV_PRIME;
    }

    /** The fingerprint of an event id, given its scenario's {@link #scenarioHash}; never 0. */
    static long fingerprint(long scenarioHash, String eventId) {
        long h = hash(scenarioHash, eventId);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long hash(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return h;
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

    /**
     * Clears {@code keep[i]} for every non-zero fingerprint {@code fps[i]} remembered now, taking
     * the lock once for the whole array (appenders of all scenarios share this window).
     *
     * @return how many entries of {@code keep} are still true
     */
    synchronized int dropKnown(long[] fps, boolean[] keep) {
        int kept = 0;
        for (int i = 0; i < fps.length; i++) {
            if (keep[i] && fps[i] != 0 && containsLocked(fps[i])) {
                keep[i] = false;
            }
            if (keep[i]) {
                kept++;
            }
        }
        return kept;
    }

    private boolean containsLocked(long fp) {
        int mask = table.length - 1;
        for (int i = home(fp, mask); table[i] != 0; i = (i + 1) & mask) {
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

    /** {@link #add} for each non-zero fingerprint {@code fps[i]} whose {@code keep[i]} is true, in order, taking the lock once. */
    synchronized void addAll(long[] fps, boolean[] keep) {
        for (int i = 0; i < fps.length; i++) {
            if (keep[i] && fps[i] != 0) {
                addLocked(fps[i]);
            }
        }
    }

    /** {@link #add} for each fingerprint in order, taking the lock once. */
    synchronized void addAll(long[] fps) {
        for (long fp : fps) {
            addLocked(fp);
        }
    }

    private void addLocked(long fp) {
        int mask = table.length - 1;
        int slot = home(fp, mask);
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
        int i = home(fp, mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = fp;
    }

    /** Removes with backward shifting, so that no tombstones are needed. */
    private void remove(long fp) {
        int mask = table.length - 1;
        int i = home(fp, mask);
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
            int k = home(table[j], mask);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = 0;
    }

    /** The home slot of a fingerprint in a table of {@code mask + 1} slots. */
    static int home(long fp, int mask) {
        return (int) (fp ^ (fp >>> 32)) & mask;
    }
}
