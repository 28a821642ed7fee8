package com.vrooli.telemetry.core;

/**
 * A reusable view of part of a {@code char[]} as a {@link CharSequence}, so that text the parser
 * already holds (a timestamp) can be read without copying it into a {@code String}. Valid only
 * until the parser moves on; not thread-safe.
 */
final class CharSlice implements CharSequence {

    private char[] chars;
    private int offset;
    private int length;

    CharSlice set(char[] chars, int offset, int length) {
        this.chars = chars;
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
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
