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
}
