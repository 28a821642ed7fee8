package com.vrooli.telemetry.store.jsonl.append;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds {@code '\n'} in a byte array eight bytes at a time (one 64-bit word per step, with the
 * exact per-byte zero test, so no false hit in either direction). Line search is most of the cost
 * of scanning a file whose lines a query rejects on their raw bytes. Stateless.
 */
public final class Newlines {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private Newlines() {
    }

    /** The index of the first {@code '\n'} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long hits = zeroBytes((long) LONGS.get(b, i) ^ NEWLINES);
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the last {@code '\n'} in {@code b[from, to)}, or -1. */
    public static int lastIndexOf(byte[] b, int from, int to) {
        int i = to - Long.BYTES;
        for (; i >= from; i -= Long.BYTES) {
            long hits = zeroBytes((long) LONGS.get(b, i) ^ NEWLINES);
            if (hits != 0) {
                return i + Long.BYTES - 1 - (Long.numberOfLeadingZeros(hits) >>> 3);
            }
        }
        for (int j = i + Long.BYTES - 1; j >= from; j--) {
            if (b[j] == '\n') {
                return j;
            }
        }
        return -1;
    }

    /** The high bit of each byte of {@code x} that is zero, exactly (no carries between bytes). */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }
}
