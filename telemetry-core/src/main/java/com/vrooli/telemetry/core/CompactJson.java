package com.vrooli.telemetry.core;

/**
 * Recognises JSON object text that is already exactly what {@link DetailsCopier}'s generator
 * would write for it, so that it can be copied byte for byte instead of re-encoded: ASCII only, no
 * whitespace outside strings, and inside strings no control characters and only the escapes the
 * generator writes the same way ({@code \" \\ \b \f \n \r \t}; not {@code \/} nor {@code \}{@code u}).
 * Anything else (pretty-printed bodies, non-ASCII text, unicode escapes) takes the generator path,
 * which normalises it. This class only finds where such an object ends; the parser still
 * validates every token. Stateless.
 */
final class CompactJson {

    private CompactJson() {
    }

    /**
     * The index just after the {@code '}'} that closes the object opening at {@code start}, when
     * the object's text is compact as described above; -1 otherwise (including when it does not
     * close before {@code limit}).
     */
    static int compactObjectEnd(byte[] b, int start, int limit) {
        if (start < 0 || start >= limit || b[start] != '{') {
            return -1;
        }
        int depth = 0;
        int i = start;
        while (i < limit) {
            int c = b[i];
            if (c == '"') {
                i = stringEnd(b, i + 1, limit);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return c == '}' ? i + 1 : -1;
                }
            } else if (c <= ' ' || c >= 0x7f) {
                // Whitespace, controls and non-ASCII bytes (c < 0 as a signed byte).
                return -1;
            }
            i++;
        }
        return -1;
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
