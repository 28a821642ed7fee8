package com.vrooli.telemetry.cli;

/**
 * Makes text that came from events, servers or files safe to print on a terminal. A terminal acts
 * on control characters: ESC and the 8-bit CSI (U+009B) start sequences that clear the screen,
 * move the cursor or set the window title, BEL rings, CR and LF let one value draw fake rows.
 * Every such character is shown escaped and visible instead, so what is printed is what was
 * stored. Backslashes are left as they are: values such as Windows paths stay readable, at the
 * price that a stored backslash-n looks like an escaped newline. Stateless and thread-safe.
 */
final class TerminalText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {
    }

    /**
     * The text with every character a terminal would act on escaped: {@code \n}, {@code \r},
     * {@code \t} by name, other C0 controls and DEL as {@code \x1b}, C1 controls (U+0080 to U+009F,
     * including the 8-bit CSI), the Unicode line and paragraph separators and the bidirectional
     * controls (which reorder what the eye reads) as {@code \u009b}.
     */
    static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x80) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                appendUnicodeEscape(sb, c);
            }
        }
        return sb.toString();
    }

    /**
     * JSON text (as the API and the line codec write it, with C0 controls already escaped) with
     * the characters that JSON may carry raw but a terminal acts on (DEL, C1 controls, separators,
     * bidirectional controls) written as {@code \}{@code u} escapes: still the same JSON value.
     * These characters only occur inside JSON strings, where such an escape is valid.
     */
    static String escapeJson(String json) {
        int first = firstUnsafeInJson(json);
        if (first < 0) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length() + 16).append(json, 0, first);
        for (int i = first; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7f && isUnsafe(c)) {
                appendUnicodeEscape(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Raw C0 controls in valid JSON are only whitespace between values (newlines of JSONL): left alone. */
    private static int firstUnsafeInJson(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7f && isUnsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isUnsafe(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void appendUnicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
