package com.vrooli.telemetry.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How an upload body is framed. */
public enum BodyFormat {
    /** A JSON array of events, a single event object, or the bundle envelope {@code {scenario_name, events}}. */
    JSON,
    /** One event object per line; blank lines ignored, {@code \r\n} accepted. */
    NDJSON;

    /** The media types accepted for each format, as listed in 415 answers. */
    public static final List<String> ACCEPTED_MEDIA_TYPES = List.of(
            "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines");

    /**
     * The format for a {@code Content-Type} header value (parameters such as {@code charset}
     * ignored); empty for unsupported types. A missing header is read as JSON, as curl sends none
     * with {@code -d} only when told to.
     */
    public static Optional<BodyFormat> fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(JSON);
        }
        String type = contentType;
        int semi = type.indexOf(';');
        if (semi >= 0) {
            type = type.substring(0, semi);
        }
        switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "application/json":
            case "text/json":
                return Optional.of(JSON);
            case "application/x-ndjson":
            case "application/ndjson":
            case "application/jsonl":
            case "application/x-jsonl":
            case "application/x-jsonlines":
            case "application/jsonlines":
                return Optional.of(NDJSON);
            default:
                return Optional.empty();
        }
    }
}
