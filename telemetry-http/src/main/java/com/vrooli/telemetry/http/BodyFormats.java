package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.BodyFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which {@code Content-Type} of an upload means which {@link BodyFormat}. */
final class BodyFormats {

    /** The media types accepted, as listed in 415 answers. */
    static final List<String> ACCEPTED_MEDIA_TYPES = List.of(
            "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines");

    private BodyFormats() {
    }

    /**
     * The format for a {@code Content-Type} header value (parameters such as {@code charset}
     * ignored); empty for unsupported types. A missing header is read as JSON, as curl sends none
     * with {@code -d} only when told to.
     */
    static Optional<BodyFormat> fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(BodyFormat.JSON);
        }
        int semi = contentType.indexOf(';');
        String type = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "application/json", "text/json" -> Optional.of(BodyFormat.JSON);
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
                    "application/x-jsonlines", "application/jsonlines" -> Optional.of(BodyFormat.NDJSON);
            default -> Optional.empty();
        };
    }
}
