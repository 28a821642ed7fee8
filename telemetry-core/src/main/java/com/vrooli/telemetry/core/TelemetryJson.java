package com.vrooli.telemetry.core;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one place Jackson is configured: read constraints tightened for untrusted input, source text
 * never echoed into error messages (and offending tokens quoted at most 32 characters long),
 * characters outside the BMP written as UTF-8 rather than as a pair of escapes, and a shared
 * {@link ObjectMapper} for the few places that need data binding (detail maps, manifests). All
 * are thread-safe once built.
 */
final class TelemetryJson {

    /** Deepest nesting accepted anywhere in a body; deeper input is malformed. */
    static final int MAX_NESTING_DEPTH = 64;
    /**
     * Deepest nesting of one event's details, the details object itself counting as one level.
     * Well under {@link #MAX_NESTING_DEPTH}, so an event valid in one upload shape is valid in
     * every shape (array, envelope, NDJSON) and in every answer that wraps it.
     */
    static final int MAX_DETAILS_DEPTH = 32;
    /** Longest number literal accepted, in characters. */
    static final int MAX_NUMBER_LENGTH = 256;
    /** Longest object key accepted, in characters. */
    static final int MAX_NAME_LENGTH = 1024;

    private static final JsonFactory DEFAULT_FACTORY = factory(DecodeLimits.defaults().maxBodyBytes());
    private static final ObjectMapper MAPPER = JsonMapper.builder(DEFAULT_FACTORY).build();

    private TelemetryJson() {
    }

    /**
     * A factory whose strings may be as long as a whole body: over-long strings are then refused
     * per event by the encoded-size cap instead of failing the body.
     */
    static JsonFactory factory(long maxBodyBytes) {
        int maxString = (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(maxBodyBytes, 1L << 16));
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength(maxString)
                        .maxDocumentLength(maxBodyBytes)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(32)
                        .maxRawContentLength(0)
                        .build())
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    static JsonFactory defaultFactory() {
        return DEFAULT_FACTORY;
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
