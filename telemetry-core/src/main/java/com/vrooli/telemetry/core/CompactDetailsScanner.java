package com.vrooli.telemetry.core;

import java.util.Arrays;

/**
 * Validates a details object written in the compact form that {@link CompactJson} describes
 * (ASCII, no whitespace outside strings, only the escapes {@code \" \\ \b \f \n \r \t}) without
 * the JSON parser: full JSON grammar, numbers as JSON (and Jackson) define them, nesting at most
 * {@link TelemetryJson#MAX_DETAILS_DEPTH} levels, no key twice in an object. It answers only "valid
 * and compact" or "not known to be": anything else (a duplicate key, too deep, too long a number
 * or key, an object of many keys, any other text) is left to the parser, which describes the
 * problem or normalises the text. In this form each character has one spelling, so two keys are
 * the same exactly when their bytes are. One instance per decode call; not thread-safe.
 */
final class CompactDetailsScanner {

    /** Keys of one object compared pairwise; objects with more go to the parser. */
    private static final int MAX_KEYS = 32;
    /** Kept below the parser's limits, so that nothing accepted here is refused there. */
    private static final int MAX_NUMBER_LENGTH = TelemetryJson.MAX_NUMBER_LENGTH - 16;
    private static final int MAX_NAME_LENGTH = TelemetryJson.MAX_NAME_LENGTH - 16;

    /** Per nesting level, where the keys of the object being read start and end: {@code [start0, end0, start1, ...]}. */
    private int[][] keysByDepth = new int[4][];
    private byte[] b;
    private int limit;

    /**
     * The index just after the {@code '}'} closing the object that opens at {@code start}, when it
     * is valid compact details; -1 when it is not known to be.
     */
    int objectEnd(byte[] bytes, int start, int limit) {
        this.b = bytes;
        this.limit = limit;
        if (start >= limit || bytes[start] != '{') {
            return -1;
        }
        return object(start, 1);
    }

    private int value(int i, int depth) {
        if (i >= limit) {
            return -1;
        }
        switch (b[i]) {
            case '{':
                return object(i, depth + 1);
            case '[':
                return array(i, depth + 1);
            case '"':
                return string(i);
            case 't':
                return literal(i, "true");
            case 'f':
                return literal(i, "false");
            case 'n':
                return literal(i, "null");
            default:
                return number(i);
        }
    }

    private int object(int i, int depth) {
        if (depth > TelemetryJson.MAX_DETAILS_DEPTH) {
            return -1;
        }
        i++;
        if (i < limit && b[i] == '}') {
            return i + 1;
        }
        int[] keys = keysAt(depth);
        int count = 0;
        while (true) {
            if (i >= limit || b[i] != '"' || count == MAX_KEYS) {
                return -1;
            }
            int keyEnd = string(i);
            if (keyEnd < 0 || keyEnd - i - 2 > MAX_NAME_LENGTH || keyEnd >= limit || b[keyEnd] != ':') {
                return -1;
            }
            for (int k = 0; k < count; k++) {
                if (sameBytes(keys[2 * k], keys[2 * k + 1], i, keyEnd)) {
                    return -1;
                }
            }
            keys[2 * count] = i;
            keys[2 * count + 1] = keyEnd;
            count++;
            i = value(keyEnd + 1, depth);
            if (i < 0 || i >= limit) {
                return -1;
            }
            byte c = b[i++];
            if (c == '}') {
                return i;
            }
            if (c != ',') {
                return -1;
            }
        }
    }

    private int array(int i, int depth) {
        if (depth > TelemetryJson.MAX_DETAILS_DEPTH) {
            return -1;
        }
        i++;
        if (i < limit && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(i, depth);
            if (i < 0 || i >= limit) {
                return -1;
            }
            byte c = b[i++];
            if (c == ']') {
                return i;
            }
            if (c != ',') {
                return -1;
            }
        }
    }

    /** The index after the closing quote of the string opening at {@code i}; -1 if not compact. */
    private int string(int i) {
        return CompactJson.stringEnd(b, i + 1, limit);
    }

    private int literal(int i, String word) {
        if (i + word.length() > limit) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        return i + word.length();
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as JSON has it. */
    private int number(int i) {
        int j = i;
        if (j < limit && b[j] == '-') {
            j++;
        }
        if (j >= limit || !isDigit(b[j])) {
            return -1;
        }
        if (b[j] == '0') {
            j++;
        } else {
            j = digits(j);
        }
        if (j < limit && b[j] == '.') {
            if (j + 1 >= limit || !isDigit(b[j + 1])) {
                return -1;
            }
            j = digits(j + 1);
        }
        if (j < limit && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            if (j < limit && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            if (j >= limit || !isDigit(b[j])) {
                return -1;
            }
            j = digits(j);
        }
        return j - i > MAX_NUMBER_LENGTH ? -1 : j;
    }

    private int digits(int j) {
        while (j < limit && isDigit(b[j])) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private boolean sameBytes(int s1, int e1, int s2, int e2) {
        if (e1 - s1 != e2 - s2) {
            return false;
        }
        for (int k = 0; k < e1 - s1; k++) {
            if (b[s1 + k] != b[s2 + k]) {
                return false;
            }
        }
        return true;
    }

    private int[] keysAt(int depth) {
        if (depth >= keysByDepth.length) {
            keysByDepth = Arrays.copyOf(keysByDepth, Math.max(depth + 1, keysByDepth.length * 2));
        }
        if (keysByDepth[depth] == null) {
            keysByDepth[depth] = new int[2 * MAX_KEYS];
        }
        return keysByDepth[depth];
    }
}
