package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;

/**
 * Makes each distinct short string of a body once: the scenario names, event types and
 * deployment ids that repeat through a batch become one {@code String} each (whose hash is then
 * computed once for every map that files events by them) instead of one per event. A small
 * direct-mapped table: a collision only costs a new string. One instance per decode call; not
 * thread-safe.
 *
 * <p>A name of the standard catalogue becomes the catalogue's own instance ({@link CatalogueNames}),
 * so that event types are the same String from one body to the next.
 */
final class RepeatedStrings {

    private static final int SLOTS = 256;
    private static final int MAX_LENGTH = 128;

    private final String[] slots = new String[SLOTS];

    /** The text of {@code chars[offset, offset + length)}, shared with an equal earlier one when remembered. */
    String get(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int h = 0;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (SLOTS - 1);
        String known = slots[slot];
        if (known != null && sameText(known, chars, offset, length)) {
            return known;
        }
        String s = CatalogueNames.find(chars, offset, length, h);
        if (s == null) {
            s = new String(chars, offset, length);
        }
        slots[slot] = s;
        return s;
    }

    /** As {@link #get(char[], int, int)}, for ASCII text held as bytes. */
    String get(byte[] ascii, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(ascii, offset, length, StandardCharsets.ISO_8859_1);
        }
        int h = 0;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + ascii[i];
        }
        int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (SLOTS - 1);
        String known = slots[slot];
        if (known != null && sameText(known, ascii, offset, length)) {
            return known;
        }
        String s = CatalogueNames.find(ascii, offset, length, h);
        if (s == null) {
            s = new String(ascii, offset, length, StandardCharsets.ISO_8859_1);
        }
        slots[slot] = s;
        return s;
    }

    static boolean sameText(String s, byte[] ascii, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != ascii[offset + i]) {
                return false;
            }
        }
        return true;
    }

    static boolean sameText(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
