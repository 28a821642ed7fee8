package com.vrooli.telemetry.client;

import java.util.Arrays;

/** A growable byte buffer of whole lines, reused for each write to the file. Not thread-safe. */
final class LineBuffer {

    private final int shrinkAbove;
    private byte[] bytes;
    private int length;
    private int lines;

    LineBuffer(int initialCapacity, int shrinkAbove) {
        this.bytes = new byte[initialCapacity];
        this.shrinkAbove = shrinkAbove;
    }

    /** Appends one line, which must end with its newline. */
    void addLine(byte[] line) {
        if (length + line.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + line.length));
        }
        System.arraycopy(line, 0, bytes, length, line.length);
        length += line.length;
        lines++;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    int lines() {
        return lines;
    }

    boolean isEmpty() {
        return lines == 0;
    }

    /** Empties the buffer, giving back memory an unusually large write took. */
    void reset() {
        length = 0;
        lines = 0;
        if (bytes.length > shrinkAbove) {
            bytes = new byte[shrinkAbove];
        }
    }
}
