package com.vrooli.telemetry.store.jsonl.dedup;

import com.vrooli.telemetry.store.jsonl.recovery.ParallelLoad;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event ids the store remembers for de-duplication: the most recently stored ones, across all
 * scenarios, about {@code capacity} in total; the oldest is forgotten first.
 *
 * <p>Each id is kept as a 64-bit fingerprint of {@code (scenario, event_id)}, about 24 bytes per
 * id when full (25 MB at the default of one million), growing with use. Two different ids share a
 * fingerprint with probability about {@code capacity / 2^64} per stored event (5e-14 at the
 * default), which would count a new event as a duplicate.
 *
 * <p>Appenders of every scenario share the window, so a large one is split by fingerprint into
 * {@value #STRIPES} independent stripes, each with its own lock and its own oldest-first order:
 * one scenario's append does not wait for another's. The window then holds the newest ids of each
 * stripe, which for uniformly spread fingerprints is the newest {@code capacity} ids give or take
 * a fraction of a percent at the oldest end. Below {@value #STRIPED_FROM} ids it is one stripe,
 * exact. Thread-safe.
 */
public final class DedupWindow {

    /** One million ids: about 25 MB when full. */
    public static final int DEFAULT_CAPACITY = 1_000_000;
    /** Largest capacity accepted (about 6 GB when full). */
    public static final int MAX_CAPACITY = 1 << 28;
    static final int STRIPES = 16;
    static final int STRIPED_FROM = 1 << 16;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int capacity;
    private final DedupStripe[] stripes;

    public DedupWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("dedup window must hold between 1 and " + MAX_CAPACITY
                    + " event ids, got " + capacity);
        }
        this.capacity = capacity;
        int n = capacity >= STRIPED_FROM ? STRIPES : 1;
        this.stripes = new DedupStripe[n];
        for (int s = 0; s < n; s++) {
            stripes[s] = new DedupStripe(capacity / n + (s < capacity % n ? 1 : 0));
        }
    }

    /** The fingerprint of an event id within its scenario; never 0. */
    public static long fingerprint(String scenario, String eventId) {
        return fingerprint(scenarioHash(scenario), eventId);
    }

    /**
     * The hash state after a scenario name and the separator, so that the fingerprints of many
     * ids of one scenario hash its name once: {@code fingerprint(scenarioHash(s), id)} equals
     * {@code fingerprint(s, id)}.
     */
    public static long scenarioHash(String scenario) {
        // '/' cannot occur in a scenario name, so the split is unambiguous
        return (hash(FNV_OFFSET, scenario) ^ '/') * FNV_PRIME;
    }

    /** The fingerprint of an event id, given its scenario's {@link #scenarioHash}; never 0. */
    public static long fingerprint(long scenarioHash, String eventId) {
        return mix(hash(scenarioHash, eventId));
    }

    /**
     * As {@link #fingerprint(long, String)}, for a stored line's view of its id's bytes while a file
     * is read on open. A loop of its own keeps the uploads' loop over a {@code String} monomorphic.
     */
    public static long fingerprint(long scenarioHash, CharSequence eventId) {
        long h = scenarioHash;
        for (int i = 0; i < eventId.length(); i++) {
            char c = eventId.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return mix(h);
    }

    private static long mix(long h) {
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

    /** The home slot of a fingerprint in a table of {@code mask + 1} slots (low bits). */
    static int home(long fp, int mask) {
        return (int) (fp ^ (fp >>> 32)) & mask;
    }

    /** The stripe of a fingerprint: its top bits, which {@link #home} does not use for tables below 2^28 slots. */
    private DedupStripe stripeOf(long fp) {
        return stripes[stripeIndex(fp)];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        int n = 0;
        for (DedupStripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    /** The remembered fingerprints, each stripe's oldest first, stripe after stripe (for tests comparing two windows). */
    public long[] oldestFirst() {
        long[][] parts = new long[stripes.length][];
        int total = 0;
        for (int s = 0; s < stripes.length; s++) {
            parts[s] = stripes[s].oldestFirst();
            total += parts[s].length;
        }
        long[] out = new long[total];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    boolean contains(long fp) {
        return stripeOf(fp).contains(fp);
    }

    /** Remembers a fingerprint, forgetting the oldest of its stripe when that is full; no-op when already present. */
    void add(long fp) {
        stripeOf(fp).add(fp);
    }

    /**
     * Clears {@code keep[i]} for every non-zero fingerprint {@code fps[i]} remembered now, taking
     * each stripe's lock once for the whole array.
     *
     * @return how many entries of {@code keep} are still true
     */
    public int dropKnown(long[] fps, boolean[] keep) {
        forEachStripe(fps, keep, (stripe, indexes, from, to) -> stripe.dropKnown(fps, keep, indexes, from, to));
        int kept = 0;
        for (boolean k : keep) {
            if (k) {
                kept++;
            }
        }
        return kept;
    }

    /** {@link #add} for each non-zero fingerprint {@code fps[i]} whose {@code keep[i]} is true, in order, each stripe's lock taken once. */
    public void addAll(long[] fps, boolean[] keep) {
        forEachStripe(fps, keep, (stripe, indexes, from, to) -> stripe.addAll(fps, keep, indexes, from, to));
    }

    /** {@link #add} for each fingerprint in order. */
    void addAll(long[] fps) {
        boolean[] all = new boolean[fps.length];
        java.util.Arrays.fill(all, true);
        addAll(fps, all);
    }

    /**
     * {@link #addAll(long[])}, the stripes filled at the same time on the open's short-lived pool:
     * each stripe gets the same fingerprints in the same order, so the window ends the same. On
     * open, a million ids went into the stripes one after the other.
     */
    public void addAllInParallel(long[] fps) throws IOException {
        boolean[] all = new boolean[fps.length];
        java.util.Arrays.fill(all, true);
        List<Runnable> batches = new ArrayList<>(stripes.length);
        forEachStripe(fps, all, (stripe, indexes, from, to) -> batches.add(() -> stripe.addAll(fps, all, indexes, from, to)));
        ParallelLoad.map(batches, batch -> {
            batch.run();
            return batch;
        });
    }

    /** Sizes the stripes for {@code more} ids to come, so that adding them does not rehash. */
    public void expect(int more) {
        for (DedupStripe s : stripes) {
            s.expect(more / stripes.length + 1);
        }
    }

    private interface StripeBatch {
        void run(DedupStripe stripe, int[] indexes, int from, int to);
    }

    /** Hands each stripe the indexes of the kept, non-zero fingerprints that belong to it, in order. */
    private void forEachStripe(long[] fps, boolean[] keep, StripeBatch batch) {
        if (stripes.length == 1) {
            int[] indexes = new int[fps.length];
            int count = 0;
            for (int i = 0; i < fps.length; i++) {
                if (keep[i] && fps[i] != 0) {
                    indexes[count++] = i;
                }
            }
            if (count > 0) {
                batch.run(stripes[0], indexes, 0, count);
            }
            return;
        }
        int[] counts = new int[stripes.length + 1];
        for (int i = 0; i < fps.length; i++) {
            if (keep[i] && fps[i] != 0) {
                counts[stripeIndex(fps[i]) + 1]++;
            }
        }
        for (int s = 0; s < stripes.length; s++) {
            counts[s + 1] += counts[s];
        }
        int[] starts = counts.clone();
        int[] indexes = new int[counts[stripes.length]];
        for (int i = 0; i < fps.length; i++) {
            if (keep[i] && fps[i] != 0) {
                indexes[starts[stripeIndex(fps[i])]++] = i;
            }
        }
        for (int s = 0; s < stripes.length; s++) {
            if (counts[s + 1] > counts[s]) {
                batch.run(stripes[s], indexes, counts[s], counts[s + 1]);
            }
        }
    }

    private int stripeIndex(long fp) {
        return (int) (fp >>> 60) & (stripes.length - 1);
    }
}
