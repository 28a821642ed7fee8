package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;

/** Turns parser failures into short plain-words messages that never echo the input at length. */
final class JsonErrors {

    private static final int MAX_QUOTED = 64;

    private JsonErrors() {
    }

    /** A plain description of a parse failure, with line and column when known. */
    static String describe(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return "input exceeds a limit: " + trimLocation(e.getMessage());
        }
        if (e instanceof CharConversionException) {
            return "body is not valid UTF-8";
        }
        if (e instanceof JsonProcessingException) {
            JsonProcessingException jpe = (JsonProcessingException) e;
            String msg = jpe.getOriginalMessage();
            if (msg != null && msg.contains("Invalid UTF-8")) {
                msg = "invalid UTF-8 byte sequence";
            }
            JsonLocation loc = jpe.getLocation();
            String where = loc == null || loc.getLineNr() < 0
                    ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return "malformed JSON" + where + ": " + shorten(firstLine(msg));
        }
        return "malformed JSON: " + shorten(firstLine(e.getMessage()));
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

    /** A value shortened for inclusion in an error message, control characters made visible. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8);
        for (int i = 0; i < value.length() && sb.length() < MAX_QUOTED; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_QUOTED && value.length() > MAX_QUOTED) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String trimLocation(String msg) {
        if (msg == null) {
            return "";
        }
        int at = msg.indexOf(" (");
        return firstLine(at > 0 ? msg.substring(0, at) : msg);
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "";
        }
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }

    private static String shorten(String msg) {
        return msg.length() > 200 ? msg.substring(0, 200) + "..." : msg;
    }
}
