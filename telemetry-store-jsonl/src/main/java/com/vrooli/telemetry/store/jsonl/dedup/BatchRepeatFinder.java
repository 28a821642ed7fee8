package com.vrooli.telemetry.store.jsonl.dedup;

/**
 * Finds the fingerprints that repeat an earlier one in the same array (a batch that carries one
 * event id twice), with a small open-addressing table of primitive longs: no boxing, one probe
 * per fingerprint in the usual case. Stateless.
 */
public final class BatchRepeatFinder {

    private BatchRepeatFinder() {
    }

    /**
     * Which entries repeat an earlier non-zero entry; 0 entries (events without an id) never do.
     *
     * @return null when none does
     */
    public static boolean[] find(long[] fingerprints) {
        long[] table = new long[Integer.highestOneBit(Math.max(4, fingerprints.length) * 2 - 1) * 2];
        int mask = table.length - 1;
        boolean[] repeats = null;
        for (int i = 0; i < fingerprints.length; i++) {
            long fp = fingerprints[i];
            if (fp == 0) {
                continue;
            }
            int slot = DedupWindow.home(fp, mask);
            while (table[slot] != 0 && table[slot] != fp) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] == fp) {
                if (repeats == null) {
                    repeats = new boolean[fingerprints.length];
                }
                repeats[i] = true;
            } else {
                table[slot] = fp;
            }
        }
        return repeats;
    }
}
