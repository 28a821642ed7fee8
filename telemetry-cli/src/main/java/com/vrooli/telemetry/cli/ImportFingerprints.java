package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives an event without {@code event_id} a stable one for an import: {@code fp:} + the first
 * 160 bits of the SHA-256 of its content + {@code :n}, where n counts earlier events of the same
 * content in this scenario's stored order, so identical events stay distinct and a second import
 * of the same file produces the same ids (the store then counts them as duplicates). The counts
 * are kept for the last {@value #REMEMBERED} distinct contents: identical events further apart
 * than that would share an id and the later would be taken for a duplicate. One per scenario;
 * not thread-safe.
 */
final class ImportFingerprints {

    static final int REMEMBERED = 100_000;
    private static final char SEPARATOR = 0;
    private static final String ABSENT = "\u0001";

    private final Map<String, Integer> seen = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final MessageDigest sha256;

    ImportFingerprints() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The event itself when it has an id, else a copy with its fingerprint id. */
    TelemetryEvent withId(TelemetryEvent e) {
        if (e.eventId() != null) {
            return e;
        }
        String content = e.timestamp().toString() + SEPARATOR + e.scenario() + SEPARATOR
                + (e.deploymentId() == null ? ABSENT : e.deploymentId()) + SEPARATOR + e.event() + SEPARATOR
                + (e.details() == null ? ABSENT : e.details().json());
        byte[] digest = sha256.digest(content.getBytes(StandardCharsets.UTF_8));
        String fingerprint = HexFormat.of().formatHex(digest, 0, 20);
        int earlier = seen.merge(fingerprint, 1, Integer::sum) - 1;
        return e.withEventId("fp:" + fingerprint + ":" + earlier);
    }
}
