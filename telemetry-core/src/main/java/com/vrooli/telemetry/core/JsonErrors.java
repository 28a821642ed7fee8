package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * Turns parser failures into short plain-words messages that never echo more than
 * {@value #MAX_QUOTED} characters of the input and never hold a control or invisible formatting
 * character, so they are safe to answer to a client and to write to a log.
 */
final class JsonErrors {

    /** Most characters of client input that one message quotes. */
    static final int MAX_QUOTED = 64;
    /** Longest message built from a parser's own words. */
    private static final int MAX_MESSAGE = 200;

    private static final String[] PARSER_NOTES = {
        " (start marker at ", " at [Source:", ": enable `", " (not recognized as one since Feature"};

    private JsonErrors() {
    }

    /**
     * A plain description of a parse failure of the whole body: what went wrong and where.
     *
     * @param subject what was being read, such as {@code body}, {@code line} or {@code details}
     */
    static String describe(IOException e, String subject) {
        return describe(e, subject, true);
    }

    /** As {@link #describe(IOException, String)} for one NDJSON line: the location names a column only. */
    static String describeLine(IOException e) {
        return describe(e, "line", false);
    }

    private static String describe(IOException e, String subject, boolean multiLine) {
        if (e instanceof StreamConstraintsException) {
            return subject + " " + exceededLimit(e.getMessage());
        }
        if (e instanceof CharConversionException) {
            return subject + " is not valid UTF-8";
        }
        if (!(e instanceof JsonProcessingException)) {
            return "malformed JSON: " + plain(e.getMessage());
        }
        JsonProcessingException jpe = (JsonProcessingException) e;
        String where = where(jpe.getLocation(), multiLine);
        String msg = jpe.getOriginalMessage() == null ? "" : jpe.getOriginalMessage();
        if (msg.startsWith("Invalid UTF-8")) {
            return subject + " is not valid UTF-8" + where;
        }
        if (msg.startsWith("Unexpected end-of-input")) {
            return subject + " ends before its JSON is complete" + where;
        }
        return "malformed JSON" + where + ": " + plain(withoutParserNotes(msg));
    }

    /** Which of Jackson's read constraints was exceeded, in words (its messages name getters). */
    private static String exceededLimit(String msg) {
        String m = msg == null ? "" : msg;
        if (m.startsWith("Document nesting depth")) {
            return "nests deeper than " + TelemetryJson.MAX_NESTING_DEPTH + " levels";
        }
        if (m.startsWith("Number value length")) {
            return "holds a number longer than " + TelemetryJson.MAX_NUMBER_LENGTH + " characters";
        }
        if (m.startsWith("Name length")) {
            return "holds a key longer than " + TelemetryJson.MAX_NAME_LENGTH + " characters";
        }
        if (m.startsWith("String value length")) {
            return "holds a string longer than the body size limit";
        }
        if (m.startsWith("Document length")) {
            return "is longer than the body size limit";
        }
        int paren = m.indexOf(" (");
        return "exceeds a limit: " + plain(paren > 0 ? m.substring(0, paren) : m);
    }

    private static String where(JsonLocation loc, boolean multiLine) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return multiLine
                ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                : " at column " + loc.getColumnNr();
    }

    /**
     * Drops the parts of Jackson's messages that speak to a Jackson user rather than to a client:
     * source notes ("at [Source: REDACTED ...]") and advice to enable parser features.
     */
    private static String withoutParserNotes(String msg) {
        int cut = msg.length();
        for (String note : PARSER_NOTES) {
            int at = msg.indexOf(note);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return msg.substring(0, cut);
    }

    /** The JSON type name of a token, in the words a client author would use. */
    static String typeName(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }

    /**
     * A client value shortened to {@value #MAX_QUOTED} characters for inclusion in a message,
     * with {@code ...} when cut and invisible characters made visible as {@code \\u} and four hex digits.
     */
    static String quote(String value) {
        return visible(value, MAX_QUOTED);
    }

    /** A parser's message made safe: invisible characters escaped, at most {@value #MAX_MESSAGE} characters. */
    private static String plain(String msg) {
        if (msg == null) {
            return "";
        }
        int nl = msg.indexOf('\n');
        return visible(nl >= 0 ? msg.substring(0, nl) : msg, MAX_MESSAGE);
    }

    private static String visible(String value, int max) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), max) + 8);
        int i = 0;
        while (i < value.length() && sb.length() < max) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                sb.append(c).append(value.charAt(i + 1));
                i += 2;
            } else {
                if (isInvisible(c)) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
                i++;
            }
        }
        if (i < value.length()) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * Control characters (C0 and C1), formatting characters (bidirectional overrides, zero-width
     * spaces), line and paragraph separators, and surrogates that are not part of a pair.
     */
    private static boolean isInvisible(char c) {
        if (Character.isISOControl(c) || Character.isSurrogate(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
