package com.vrooli.telemetry.core;

/**
 * Unpaired UTF-16 surrogates: JSON lets a client write one as an escape ({@code "\ud800"}), but
 * the result is not Unicode text, so UTF-8 encoders, Go and PostgreSQL refuse or mangle it.
 * Free text (details) gets each one replaced by U+FFFD, as Go's {@code encoding/json} does;
 * identifiers are refused instead (see {@link EventRules}). Stateless and thread-safe.
 */
final class Utf16 {

    static final char REPLACEMENT = '\uFFFD';

    private Utf16() {
    }

    /** Index of the first unpaired surrogate in {@code cs[from, from + length)}, or -1. */
    static int firstUnpaired(char[] cs, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i++) {
            char c = cs[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(cs[i + 1])) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** True when {@code s} holds a surrogate that is not part of a pair. */
    static boolean hasUnpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code cs[from, from + length)} with every unpaired surrogate replaced by U+FFFD. */
    static String replaceUnpaired(char[] cs, int from, int length) {
        char[] out = new char[length];
        System.arraycopy(cs, from, out, 0, length);
        int i = firstUnpaired(out, 0, length);
        while (i >= 0) {
            out[i] = REPLACEMENT;
            i = firstUnpaired(out, i + 1, length - i - 1);
        }
        return new String(out);
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD ({@code s} itself when it has none). */
    static String replaceUnpaired(String s) {
        return hasUnpaired(s) ? replaceUnpaired(s.toCharArray(), 0, s.length()) : s;
    }

    /**
     * True when Jackson would read the bytes as UTF-16 or UTF-32: they start with a NUL byte in
     * the first two or a UTF-16 byte order mark. Neither can start UTF-8 JSON, and the wire
     * format is UTF-8 only.
     */
    static boolean startsLikeUtf16Or32(byte[] b, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int b0 = b[from] & 0xff;
        int b1 = b[from + 1] & 0xff;
        return b0 == 0 || b1 == 0 || (b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe);
    }
}
