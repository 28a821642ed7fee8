package com.vrooli.telemetry.store.jsonl.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which spelling owns each case-folded scenario name (see {@link ScenarioNames}). A name is
 * claimed by the first spelling that asks; on open, when the directory already holds spellings
 * that differ only in case (written by an older version on a case-sensitive file system), the one
 * whose first stored event is the earliest owns the name, ties going to the name that sorts first,
 * and the others stay readable but take no new events. Thread-safe.
 */
public final class ScenarioOwners {

    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();

    /**
     * Settles the owners of the scenarios found on open.
     *
     * @param firstEvent a scenario's first stored event time (null when it has none); asked only
     *                   for spellings that differ only in case
     */
    public void load(Collection<String> scenarios, Function<String, Instant> firstEvent) {
        Map<String, List<String>> byKey = new HashMap<>();
        scenarios.forEach(s -> byKey.computeIfAbsent(ScenarioNames.fold(s), k -> new ArrayList<>()).add(s));
        byKey.forEach((key, spellings) -> {
            if (spellings.size() > 1) {
                Map<String, Instant> first = new HashMap<>();
                spellings.forEach(s -> first.put(s, firstEvent.apply(s)));
                Comparator<String> byFirstEvent = Comparator.comparing(first::get,
                        Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
                spellings.sort(byFirstEvent.thenComparing(Comparator.<String>naturalOrder()));
            }
            owners.put(key, spellings.get(0));
        });
    }

    /** Claims the name for {@code scenario} when no spelling owns it; returns the owning spelling. */
    public String claim(String scenario) {
        return owners.computeIfAbsent(ScenarioNames.fold(scenario), k -> scenario);
    }
}
