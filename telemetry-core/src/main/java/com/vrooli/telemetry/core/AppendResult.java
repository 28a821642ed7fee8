package com.vrooli.telemetry.core;

import java.util.HashMap;
import java.util.Map;

/**
 * What an append did, by scenario.
 *
 * @param storedByScenario     events written, by scenario (scenarios with none may be absent)
 * @param duplicatesByScenario events skipped because their event id was already stored
 */
public record AppendResult(Map<String, Integer> storedByScenario, Map<String, Integer> duplicatesByScenario) {

    public AppendResult {
        storedByScenario = Map.copyOf(storedByScenario);
        duplicatesByScenario = Map.copyOf(duplicatesByScenario);
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

        public AppendResult build() {
            return new AppendResult(stored, duplicates);
        }
    }
}
