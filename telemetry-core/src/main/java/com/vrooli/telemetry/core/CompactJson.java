package com.vrooli.telemetry.core;

/**
 * Recognises JSON string text that is already exactly what Jackson's generator would write for
 * it, so that {@link CompactDetailsScanner} can keep it byte for byte: printable ASCII, and only the
 * escapes the generator writes the same way ({@code \" \\ \b \f \n \r \t}; not {@code \/} nor
 * {@code \}{@code u}). Anything else takes the Jackson path, which normalises it. Stateless.
 */
final class CompactJson {

    private CompactJson() {
    }

    /** The index after the closing quote of a string whose content starts at {@code i}; -1 if not simple. */
    static int stringEnd(byte[] b, int i, int limit) {
        while (i < limit) {
            int c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= limit || !isSameEscape(b[i + 1])) {
                    return -1;
                }
                i += 2;
                continue;
            }
            if (c < ' ' || c >= 0x7f) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Escapes that Jackson's generator writes exactly as they are read. */
    private static boolean isSameEscape(byte c) {
        return c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't';
    }
}
