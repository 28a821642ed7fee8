package com.vrooli.telemetry.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an append did, by scenario.
 *
 * @param storedByScenario     events written, by scenario (scenarios with none may be absent)
 * @param duplicatesByScenario events skipped because their event id was already stored
 * @param rejected             events the store refused to keep, one entry each, by their index in
 *                             the appended list (for example a scenario name that would collide with
 *                             a stored one on the store's file system); the others were appended
 */
public record AppendResult(Map<String, Integer> storedByScenario, Map<String, Integer> duplicatesByScenario,
                           List<EventError> rejected) {

    public AppendResult {
        storedByScenario = Map.copyOf(storedByScenario);
        duplicatesByScenario = Map.copyOf(duplicatesByScenario);
        rejected = List.copyOf(rejected);
    }

    /** A result without rejected events. */
    public AppendResult(Map<String, Integer> storedByScenario, Map<String, Integer> duplicatesByScenario) {
        this(storedByScenario, duplicatesByScenario, List.of());
    }

    /** Nothing appended. */
    public static AppendResult empty() {
        return new AppendResult(Map.of(), Map.of());
    }

    /** Total events written. */
    public int stored() {
        return storedByScenario.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Total duplicates skipped. */
    public int duplicates() {
        return duplicatesByScenario.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Collects counts while a store appends; not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> stored = new HashMap<>();
        private final Map<String, Integer> duplicates = new HashMap<>();
        private final List<EventError> rejected = new ArrayList<>();

        public Builder stored(String scenario, int n) {
            if (n > 0) {
                stored.merge(scenario, n, Integer::sum);
            }
            return this;
        }

        public Builder duplicates(String scenario, int n) {
            if (n > 0) {
                duplicates.merge(scenario, n, Integer::sum);
            }
            return this;
        }

        /** Records that the event at {@code index} of the appended list was refused, and why. */
        public Builder rejected(int index, String reason) {
            rejected.add(new EventError(index, reason));
            return this;
        }

        public AppendResult build() {
            return new AppendResult(stored, duplicates, rejected);
        }
    }
}
