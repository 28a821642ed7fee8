package com.vrooli.telemetry.store.jsonl.query;

import com.vrooli.telemetry.core.EventQuery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The raw-bytes check of a query's search text, case-insensitive, eight bytes at a time: a line
 * whose bytes do not contain the text cannot match (the line holds the event type, deployment id
 * and details text the search reads, as they are). It looks for the first letter in either case a
 * word at a time and compares the rest only where it occurs (a byte-at-a-time check, which scanning
 * once spent most of its time in, is the test's oracle). Only ASCII text without quotes or backslashes
 * is checked (those are escaped in stored lines). Immutable and thread-safe.
 */
final class RawTextSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private final byte[] lower;
    private final long firstLower;
    private final long firstUpper;

    private RawTextSearch(byte[] lower) {
        this.lower = lower;
        byte first = lower[0];
        this.firstLower = (first & 0xFFL) * ONES;
        this.firstUpper = (upper(first) & 0xFFL) * ONES;
    }

    /** The check of a query's search text, or null when it has none that raw bytes can check. */
    static RawTextSearch of(EventQuery query) {
        String search = query.search();
        if (search == null || search.isEmpty()) {
            return null;
        }
        String lower = search.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 0x80 || c == '"' || c == '\\') {
                return null;
            }
        }
        return new RawTextSearch(lower.getBytes(StandardCharsets.US_ASCII));
    }

    /** False only when the line's bytes certainly do not contain the text, ignoring ASCII case. */
    boolean mayMatch(byte[] b, int offset, int length) {
        int last = offset + length - lower.length;
        int i = offset;
        while (i <= last) {
            int candidate = firstCandidate(b, i, last + 1);
            if (candidate < 0) {
                return false;
            }
            if (restMatches(b, candidate)) {
                return true;
            }
            i = candidate + 1;
        }
        return false;
    }

    /** The first index in {@code [from, to)} holding the text's first byte in either case, or -1. */
    private int firstCandidate(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long hits = zeroBytes(word ^ firstLower) | zeroBytes(word ^ firstUpper);
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
        }
        byte l = lower[0];
        byte u = upper(l);
        for (; i < to; i++) {
            if (b[i] == l || b[i] == u) {
                return i;
            }
        }
        return -1;
    }

    private boolean restMatches(byte[] b, int at) {
        for (int j = 1; j < lower.length; j++) {
            byte c = b[at + j];
            if (c != lower[j] && upper(lower[j]) != c) {
                return false;
            }
        }
        return true;
    }

    private static byte upper(byte c) {
        return c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }

    /** The high bit of each byte of {@code x} that is zero, exactly (no carries between bytes). */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }
}
