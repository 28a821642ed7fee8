package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The names of one kind (scenarios, event types, deployment ids) that a reader of stored lines has
 * found valid lately, in a small direct-mapped table: a name seen again costs a comparison of its
 * bytes, not a new {@code String} and its check. A collision only costs a new string and a check.
 * Holds printable ASCII names only (the caller scans for them). A standard event type becomes the
 * catalogue's own instance ({@link CatalogueNames}), as in {@link RepeatedStrings}. Not thread-safe.
 */
final class CheckedNames {

    private final String[] slots;
    /** Each slot's name as bytes, compared byte by byte (a name is short: {@code Arrays.equals}' set-up cost more). */
    private final byte[][] bytes;
    private final Function<String, String> problem;

    /**
     * @param slots   the table's size, a power of two
     * @param problem the rule: why a name is not valid, or null when it is
     */
    CheckedNames(int slots, Function<String, String> problem) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        this.slots = new String[slots];
        this.bytes = new byte[slots][];
        this.problem = problem;
    }

    /** The valid name of ASCII {@code b[offset, offset + length)}, or null when it breaks the rule. */
    String get(byte[] b, int offset, int length) {
        return get(b, offset, length, hash(b, offset, length));
    }

    /**
     * As {@link #get(byte[], int, int)}, with the text's {@link String#hashCode()} already computed
     * (by the scan that found where the name ends).
     */
    String get(byte[] b, int offset, int length, int h) {
        int slot = (h ^ (h >>> 7) ^ (h >>> 15)) & (slots.length - 1);
        byte[] known = bytes[slot];
        if (known != null && sameBytes(known, b, offset, length)) {
            return slots[slot];
        }
        // h is the text's String hash, so a standard event type becomes the catalogue's own instance.
        String name = CatalogueNames.find(b, offset, length, h);
        if (name == null) {
            name = new String(b, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (problem.apply(name) != null) {
            return null;
        }
        slots[slot] = name;
        bytes[slot] = Arrays.copyOfRange(b, offset, offset + length);
        return name;
    }

    /**
     * The name kept in slot 0 when the string whose content starts at {@code b[at]} is exactly it
     * (its bytes, then the closing quote), else null: for a table of one slot holding the one name
     * a file repeats on every line (its scenario), a single comparison instead of a scan, a hash
     * and a comparison. A kept name has no quote or escape, so the match is the whole string.
     */
    String sameAsKept(byte[] b, int at, int end) {
        byte[] known = bytes[0];
        if (known == null || end - at <= known.length || b[at + known.length] != '"'
                || !sameBytes(known, b, at, known.length)) {
            return null;
        }
        return slots[0];
    }

    private static boolean sameBytes(byte[] known, byte[] b, int offset, int length) {
        if (known.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (known[k] != b[offset + k]) {
                return false;
            }
        }
        return true;
    }

    /** The {@link String#hashCode()} of ASCII text. */
    static int hash(byte[] b, int offset, int length) {
        int h = 0;
        for (int k = offset; k < offset + length; k++) {
            h = 31 * h + b[k];
        }
        return h;
    }
}
