package com.vrooli.telemetry.core;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An ingest call whose decoded events name scenarios outside its {@link ScenarioScope}: the whole
 * batch is refused and nothing is stored, so a misconfigured scope shows as a refusal, never as a
 * half-stored batch. Carries the refused scenario names, sorted, for the caller's message.
 */
public final class ScenarioNotPermittedException extends TelemetryException {
    private static final long serialVersionUID = 1L;

    private final TreeSet<String> scenarios;

    /** @param scenarios the scenarios outside the scope; not empty */
    public ScenarioNotPermittedException(SortedSet<String> scenarios) {
        super("events of scenarios outside the permitted scope: " + scenarios.size() + " scenario(s); nothing was"
                + " stored");
        this.scenarios = new TreeSet<>(scenarios);
    }

    /** The scenarios the batch named outside the scope, sorted; never empty. */
    public SortedSet<String> scenarios() {
        return Collections.unmodifiableSortedSet(scenarios);
    }
}
