package com.vrooli.telemetry.core;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one upload.
 *
 * @param received             events in the body
 * @param stored               events newly written
 * @param duplicates           events whose id was already stored (a retried upload)
 * @param errors               one per rejected event
 * @param storedByScenario     newly written events by scenario
 * @param duplicatesByScenario duplicates by scenario
 */
public record IngestResult(int received, int stored, int duplicates, List<EventError> errors,
                           Map<String, Integer> storedByScenario, Map<String, Integer> duplicatesByScenario) {

    /** The document's upload statuses. */
    public enum Status {
        /** Every event was stored or already stored. */
        ACCEPTED,
        /** Some events were rejected, the others stored. */
        PARTIAL,
        /** Every event was rejected. */
        REJECTED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public IngestResult {
        errors = List.copyOf(errors);
        storedByScenario = Map.copyOf(storedByScenario);
        duplicatesByScenario = Map.copyOf(duplicatesByScenario);
    }

    static IngestResult of(DecodeResult decoded, AppendResult appended) {
        return new IngestResult(decoded.received(), appended.stored(), appended.duplicates(), decoded.errors(),
                appended.storedByScenario(), appended.duplicatesByScenario());
    }

    /** How many events were rejected. */
    public int rejected() {
        return errors.size();
    }

    /** Accepted when nothing was rejected; rejected when nothing was kept; partial otherwise. */
    public Status status() {
        if (errors.isEmpty()) {
            return Status.ACCEPTED;
        }
        return stored + duplicates == 0 ? Status.REJECTED : Status.PARTIAL;
    }
}
