package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies JSON objects from a streaming parser into compact UTF-8 text, token by token: no tree,
 * numbers kept as written, unpaired surrogates in strings and keys replaced by U+FFFD (see {@link Utf16}).
 * Duplicate keys at any level and nesting deeper than {@link TelemetryJson#MAX_DETAILS_DEPTH} are
 * reported as a problem (the object is still consumed, so the caller's parser stays in step).
 *
 * <p>One generator and one buffer serve every object of a decode call, so copying costs no
 * per-object setup. One instance per decode call; not thread-safe.
 */
final class DetailsCopier {

    /** Objects with up to this many keys are checked for duplicates without allocating. */
    private static final int SMALL_OBJECT = 16;

    private final JsonFactory factory;
    private final Sink sink = new Sink();
    private JsonGenerator generator;
    private String[][] namesByDepth = new String[8][];
    private int depth;
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
        depth = 0;
        JsonGenerator g = generator();
        sink.count = 0;
        try {
            copyObject(p, g, "details");
            g.flush();
        } catch (IOException | RuntimeException e) {
            // The generator may hold half an object; start the next copy from a fresh one.
            generator = null;
            throw e;
        }
        return Details.trusted(Arrays.copyOf(sink.buf, sink.count));
    }

    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = factory.createGenerator(sink);
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** Reads (and, when {@code g} is not null, writes) one object; checks keys and depth either way. */
    private void copyObject(JsonParser p, JsonGenerator g, String path) throws IOException {
        enterContainer();
        if (g != null) {
            g.writeStartObject();
        }
        String[] names = namesAt(depth - 1);
        int count = 0;
        Set<String> many = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            // Jackson refuses an escaped unpaired surrogate in a key but turns raw bytes beyond
            // U+10FFFF into unpaired surrogates; written back as escapes, they would make a stored
            // line that Jackson then refuses to read. Compact text (g == null) is ASCII without
            // unicode escapes, so it holds no surrogate at all.
            String name = g == null ? p.currentName() : Utf16.replaceUnpaired(p.currentName());
            boolean duplicate;
            if (count < SMALL_OBJECT) {
                duplicate = contains(names, count, name);
                names[count] = name;
            } else {
                if (many == null) {
                    many = new HashSet<>(Arrays.asList(names));
                }
                duplicate = !many.add(name);
            }
            count++;
            if (duplicate && problem == null) {
                problem = "key '" + JsonErrors.quote(name) + "' appears twice in " + path;
            }
            if (g != null) {
                g.writeFieldName(name);
            }
            copyValue(p, g, p.nextToken(), path);
        }
        depth--;
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + t + " in an object");
        }
        if (g != null) {
            g.writeEndObject();
        }
    }

    /** Counts one more level of objects and arrays, noting a problem past the details limit. */
    private void enterContainer() {
        depth++;
        if (depth > TelemetryJson.MAX_DETAILS_DEPTH && problem == null) {
            problem = "details nest deeper than " + TelemetryJson.MAX_DETAILS_DEPTH + " levels";
        }
    }

    private String[] namesAt(int level) {
        if (level >= namesByDepth.length) {
            namesByDepth = Arrays.copyOf(namesByDepth, level * 2);
        }
        String[] names = namesByDepth[level];
        if (names == null) {
            names = new String[SMALL_OBJECT];
            namesByDepth[level] = names;
        }
        return names;
    }

    private static boolean contains(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            String n = names[i];
            if (n == name || n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void copyValue(JsonParser p, JsonGenerator g, JsonToken t, String path) throws IOException {
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        if (g == null) {
            checkValue(p, t, path);
            return;
        }
        switch (t) {
            case START_OBJECT:
                copyObject(p, g, path);
                break;
            case START_ARRAY:
                enterContainer();
                g.writeStartArray();
                JsonToken item;
                while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                    copyValue(p, g, item, path);
                }
                depth--;
                g.writeEndArray();
                break;
            case VALUE_STRING:
                char[] text = p.getTextCharacters();
                int offset = p.getTextOffset();
                int length = p.getTextLength();
                if (Utf16.firstUnpaired(text, offset, length) < 0) {
                    g.writeString(text, offset, length);
                } else {
                    g.writeString(Utf16.replaceUnpaired(text, offset, length));
                }
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

    /** Reads one value without writing it: only containers need a look inside, for keys and depth. */
    private void checkValue(JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            copyObject(p, null, path);
        } else if (t == JsonToken.START_ARRAY) {
            enterContainer();
            JsonToken item;
            while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                checkValue(p, item, path);
            }
            depth--;
        } else if (t == null || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + (t == null ? "end of input" : t));
        }
    }

    /** A growable byte sink whose buffer is read directly, without the copy of toByteArray. */
    private static final class Sink extends OutputStream {
        byte[] buf = new byte[1024];
        int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }
}
