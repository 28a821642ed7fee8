package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies one JSON object from a streaming parser into compact UTF-8 text, token by token: no tree,
 * numbers kept as written, and duplicate keys at any level reported as a problem (the object is
 * still consumed, so the caller's parser stays in step). One instance per decode; not thread-safe.
 */
final class DetailsCopier {

    private final JsonFactory factory;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private String problem;

    DetailsCopier(JsonFactory factory) {
        this.factory = factory;
    }

    /** Why the last copied object is unusable, or null when it is fine. */
    String problem() {
        return problem;
    }

    /**
     * Copies the object whose {@code START_OBJECT} is the parser's current token; on return the
     * current token is its matching {@code END_OBJECT}.
     */
    Details copyObject(JsonParser p) throws IOException {
        problem = null;
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            copyObject(p, g, "details");
        }
        return Details.trusted(buffer.toByteArray());
    }

    private void copyObject(JsonParser p, JsonGenerator g, String path) throws IOException {
        g.writeStartObject();
        String first = null;
        Set<String> seen = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (first == null) {
                first = name;
            } else {
                if (seen == null) {
                    seen = new HashSet<>();
                    seen.add(first);
                }
                if (!seen.add(name) && problem == null) {
                    problem = "key '" + JsonErrors.quote(name) + "' appears twice in " + path;
                }
            }
            g.writeFieldName(name);
            copyValue(p, g, p.nextToken(), path + "." + name);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + t + " in an object");
        }
        g.writeEndObject();
    }

    private void copyValue(JsonParser p, JsonGenerator g, JsonToken t, String path) throws IOException {
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        switch (t) {
            case START_OBJECT:
                copyObject(p, g, path);
                break;
            case START_ARRAY:
                g.writeStartArray();
                JsonToken item;
                while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                    copyValue(p, g, item, path + "[]");
                }
                g.writeEndArray();
                break;
            case VALUE_STRING:
                g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                g.writeNumber(p.getText());
                break;
            case VALUE_TRUE:
                g.writeBoolean(true);
                break;
            case VALUE_FALSE:
                g.writeBoolean(false);
                break;
            case VALUE_NULL:
                g.writeNull();
                break;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
