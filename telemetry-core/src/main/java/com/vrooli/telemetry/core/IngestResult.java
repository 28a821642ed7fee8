package com.vrooli.telemetry.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one upload.
 *
 * @param received             events in the body
 * @param stored               events newly written
 * @param duplicates           events whose id was already stored (a retried upload)
 * @param errors               one per rejected event (invalid, or refused by the store), by body index
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
        return new IngestResult(decoded.received(), appended.stored(), appended.duplicates(),
                errors(decoded, appended), appended.storedByScenario(), appended.duplicatesByScenario());
    }

    /**
     * The decoding errors and the store's refusals, by body index: the store numbers the valid
     * events it was given, which are the body's events without an error, in order.
     */
    private static List<EventError> errors(DecodeResult decoded, AppendResult appended) {
        if (appended.rejected().isEmpty()) {
            return decoded.errors();
        }
        BitSet invalid = new BitSet(decoded.received());
        decoded.errors().forEach(e -> invalid.set(e.index()));
        int[] bodyIndex = new int[decoded.events().size()];
        for (int i = 0, k = 0; k < bodyIndex.length; i++) {
            if (!invalid.get(i)) {
                bodyIndex[k++] = i;
            }
        }
        List<EventError> all = new ArrayList<>(decoded.errors());
        for (EventError e : appended.rejected()) {
            all.add(new EventError(bodyIndex[e.index()], e.error()));
        }
        all.sort(Comparator.comparingInt(EventError::index));
        return all;
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
