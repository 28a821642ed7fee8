package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Shorthands for the decoding tests: bodies as text, one decoder with the default limits. */
final class Decoding {

    static final Instant RECEIVED_AT = Instant.parse("2025-01-15T13:00:00Z");
    static final EventDecoder DECODER = EventDecoder.create();

    private Decoding() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static DecodeResult json(String body) {
        return DECODER.decode(utf8(body), BodyFormat.JSON, null, RECEIVED_AT);
    }

    static DecodeResult json(byte[] body) {
        return DECODER.decode(body, BodyFormat.JSON, null, RECEIVED_AT);
    }

    static DecodeResult ndjson(String body) {
        return DECODER.decode(utf8(body), BodyFormat.NDJSON, null, RECEIVED_AT);
    }

    static DecodeResult ndjson(byte[] body) {
        return DECODER.decode(body, BodyFormat.NDJSON, null, RECEIVED_AT);
    }

    /** Any value as JSON text, through Jackson's data binding (independent of the code under test). */
    static String jsonOf(Object value) {
        try {
            return TelemetryJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A JSON array holding {@code event} followed by one valid event. */
    static String arrayWithValidNeighbour(String event) {
        return "[" + event + "," + VALID + "]";
    }

    /** A minimal valid event object. */
    static final String VALID = "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"}";

    /** The event text with the given extra fields appended to the minimal valid event's fields. */
    static String eventWith(String fields) {
        return "{\"scenario\":\"picker-wheel\",\"event\":\"app_start\"," + fields + "}";
    }

    /**
     * Decodes {@code event} inside an array next to a valid event and returns the error of the
     * first one, checking that the neighbour was still accepted.
     */
    static String errorOf(String event) {
        DecodeResult r = json(arrayWithValidNeighbour(event));
        assertEquals(2, r.received(), "received");
        assertEquals(1, r.events().size(), "the valid neighbour is still decoded");
        assertEquals(1, r.errors().size(), "errors: " + r.errors());
        assertEquals(0, r.errors().get(0).index(), "index");
        return r.errors().get(0).error();
    }

    /** Decodes one event that must be valid. */
    static TelemetryEvent only(String event) {
        DecodeResult r = json("[" + event + "]");
        assertEquals(List.of(), r.errors(), "errors");
        assertEquals(1, r.events().size());
        return r.events().get(0);
    }

    /** The message of the whole-body error of a JSON body. */
    static String bodyError(String body) {
        return assertThrows(MalformedBodyException.class, () -> json(body)).getMessage();
    }

    static String bodyError(byte[] body) {
        return assertThrows(MalformedBodyException.class, () -> json(body)).getMessage();
    }
}
