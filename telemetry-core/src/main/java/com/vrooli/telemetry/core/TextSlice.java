package com.vrooli.telemetry.core;

import java.nio.charset.StandardCharsets;

/**
 * A reusable view of part of a {@code char[]} (Jackson's text buffer) or of ASCII bytes (the compact
 * reader's body) as a {@link CharSequence}, so that text the parser already holds (a timestamp) can
 * be read without copying it into a {@code String}. Each reader keeps one and sets it to one kind of
 * array. Valid only until the parser moves on; not thread-safe.
 */
final class TextSlice implements CharSequence {

    private char[] chars;
    private byte[] ascii;
    private int offset;
    private int length;

    TextSlice set(char[] chars, int offset, int length) {
        this.chars = chars;
        this.ascii = null;
        return range(offset, length);
    }

    TextSlice set(byte[] ascii, int offset, int length) {
        this.chars = null;
        this.ascii = ascii;
        return range(offset, length);
    }

    private TextSlice range(int offset, int length) {
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars != null ? chars[offset + index] : (char) ascii[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return chars != null ? new String(chars, offset, length)
                : new String(ascii, offset, length, StandardCharsets.ISO_8859_1);
    }
}
