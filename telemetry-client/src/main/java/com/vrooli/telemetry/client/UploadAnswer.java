package com.vrooli.telemetry.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What the server said about one batch.
 *
 * @param stored     events stored as new
 * @param duplicates events it already had
 * @param rejected   events it refused (per-event errors)
 * @param error      its {@code error} text when present (for the log), or null
 */
record UploadAnswer(long stored, long duplicates, long rejected, String error) {

    private static final int MAX_ERROR_CHARS = 200;
    private static final Set<String> ACCEPTED_STATUSES = Set.of("accepted", "partial");
    private static final Set<String> REJECTED_STATUSES = Set.of("rejected");

    /**
     * Reads a 2xx answer for a batch of {@code lines} events; empty when the body is not the
     * telemetry server's upload answer (a JSON object whose {@code status} is {@code accepted} or
     * {@code partial}). A captive portal's page, a proxy's or another service's 200, or an answer
     * cut off at the size limit says nothing about whether the events were stored, so it must not
     * acknowledge them.
     */
    static Optional<UploadAnswer> ofAccepted(byte[] body, int lines) {
        return of(body, lines, ACCEPTED_STATUSES);
    }

    /**
     * Reads a 400 answer for a batch of {@code lines} events; empty unless it is the telemetry
     * server's {@code rejected} answer (a JSON object whose {@code status} is {@code rejected}),
     * which says that the server read every event and found none valid. A 400 of any other
     * shape (the server's {@code error} answer to a body it could not read, a proxy's page) does
     * not judge the events.
     */
    static Optional<UploadAnswer> ofRejected(byte[] body, int lines) {
        // None was valid: what the answer does not count as rejected is rejected all the same.
        return of(body, lines, REJECTED_STATUSES).map(a -> new UploadAnswer(0, a.duplicates(),
                Math.max(a.rejected(), lines - a.duplicates()), a.error()));
    }

    private static Optional<UploadAnswer> of(byte[] body, int lines, Set<String> statuses) {
        JsonNode root = tree(body);
        if (root == null || !root.isObject() || !statuses.contains(root.path("status").asText(""))) {
            return Optional.empty();
        }
        long duplicates = root.path("duplicates").asLong(0);
        long rejected = rejectedCount(root);
        long stored = root.has("events_stored") ? root.path("events_stored").asLong(0)
                : Math.max(0, lines - duplicates - rejected);
        return Optional.of(new UploadAnswer(stored, duplicates, rejected, errorText(root)));
    }

    /** The {@code error} text of an error answer, shortened; null when there is none. */
    static String errorOf(byte[] body) {
        JsonNode root = tree(body);
        return root == null ? null : errorText(root);
    }

    /** Whether {@code body} is our server's error answer: {@code {"status":"error","error":"..."}}. */
    static boolean isErrorAnswer(byte[] body) {
        JsonNode root = tree(body);
        return root != null && "error".equals(root.path("status").asText(null)) && root.path("error").isTextual();
    }

    private static long rejectedCount(JsonNode root) {
        if (root.has("events_rejected")) {
            return root.path("events_rejected").asLong(0);
        }
        JsonNode errors = root.path("errors");
        return errors.isArray() ? errors.size() : 0;
    }

    private static String errorText(JsonNode root) {
        JsonNode error = root.path("error");
        if (!error.isTextual()) {
            error = root.path("errors").path(0).path("error");
        }
        if (!error.isTextual()) {
            return null;
        }
        String text = error.asText();
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
    }

    private static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return ClientJson.read(body);
        } catch (IOException e) {
            return null;
        }
    }
}
