package com.vrooli.telemetry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.core.Details;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * An event's details in one short line for a table: {@code key=value} pairs, strings quoted only
 * when they hold spaces or quotes, nested values as compact JSON. Stateless and thread-safe.
 */
final class DetailsSummary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN = Pattern.compile("[^\\s\"=]+");

    private DetailsSummary() {
    }

    static String of(Details details) {
        if (details == null) {
            return "";
        }
        StringJoiner line = new StringJoiner(" ");
        for (Map.Entry<String, Object> e : details.asMap().entrySet()) {
            line.add(e.getKey() + "=" + value(e.getValue()));
        }
        return line.toString();
    }

    private static String value(Object v) {
        if (v instanceof String) {
            String s = (String) v;
            return PLAIN.matcher(s).matches() ? s : json(s);
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return json(v);
    }

    private static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
