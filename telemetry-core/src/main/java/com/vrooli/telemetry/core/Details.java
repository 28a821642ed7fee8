package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's {@code details}: a JSON object held as its compact UTF-8 text, already validated.
 *
 * <p>Keeping the text rather than a tree lets the ingest path copy details into the stored line
 * without re-encoding them. Immutable and thread-safe; {@link #asMap()} parses on demand.
 */
public final class Details {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private final byte[] json;

    private Details(byte[] json) {
        this.json = json;
    }

    /**
     * Wraps text that the caller has already produced as one compact JSON object with no
     * duplicate keys (the decoder's own output). Not validated again.
     */
    static Details trusted(byte[] compactJson) {
        return new Details(compactJson);
    }

    /**
     * Encodes a map as details. Values may be strings, numbers, booleans, null, maps, iterables
     * and arrays of those; anything else is written with its {@code toString()}. Non-finite
     * doubles are written as strings ({@code "NaN"}), unpaired surrogates as U+FFFD.
     *
     * @throws IllegalArgumentException if the map cannot be encoded as details the decoder would
     *                                  read back: nesting deeper than 32 levels (a map that
     *                                  contains itself), null keys, keys that are equal once
     *                                  written as text, keys over 1024 or numbers over 256
     *                                  characters
     */
    public static Details of(Map<String, ?> values) {
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(128);
            try (JsonGenerator g = TelemetryJson.defaultFactory().createGenerator(out)) {
                DetailsWriter.writeMap(g, values, 0);
            }
            return new Details(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalArgumentException("details cannot be encoded as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSON text that must be one object, and keeps it compact.
     *
     * @throws IllegalArgumentException if the text is not a single JSON object, repeats a key in
     *                                  any object, or nests deeper than 32 levels
     */
    public static Details parse(String jsonObject) {
        byte[] bytes = jsonObject.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = TelemetryJson.defaultFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("details must be a JSON object");
            }
            DetailsCopier copier = new DetailsCopier(TelemetryJson.defaultFactory());
            Details details = copier.copyObject(p);
            if (copier.problem() != null) {
                throw new IllegalArgumentException(copier.problem());
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the details object");
            }
            return details;
        } catch (IOException e) {
            throw new IllegalArgumentException("details are not valid JSON: " + JsonErrors.describe(e, "text"), e);
        }
    }

    /** The compact JSON text. */
    public String json() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** Length of the UTF-8 text in bytes. */
    int byteLength() {
        return json.length;
    }

    /** Writes the UTF-8 text to {@code out} without copying it first. */
    void writeTo(ByteArrayBuilder out) {
        out.write(json, 0, json.length);
    }

    /** Writes the text as a raw JSON value of a generator. */
    void writeRaw(JsonGenerator g) throws IOException {
        g.writeRawValue(json());
    }

    byte[] bytes() {
        return json;
    }

    /** The details as an ordered map of plain Java values (maps, lists, strings, numbers, booleans). */
    public Map<String, Object> asMap() {
        try {
            return Collections.unmodifiableMap(TelemetryJson.mapper().readValue(json, MAP_TYPE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One top-level value, or null when absent: the value {@link #asMap()} would hold, found
     * without parsing the rest of the object.
     */
    public Object get(String key) {
        return DetailsLookup.get(json, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Details && Arrays.equals(json, ((Details) o).json);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(json);
    }

    /** The compact JSON text. */
    @Override
    public String toString() {
        return json();
    }
}
