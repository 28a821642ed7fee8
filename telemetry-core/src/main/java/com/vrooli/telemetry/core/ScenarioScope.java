package com.vrooli.telemetry.core;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The scenarios one ingest call may write to, passed by the caller (an HTTP adapter derives it
 * from the upload token). A batch with an event outside the scope is refused whole by
 * {@link IngestService}, before anything reaches the store. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ScenarioScope {

    /** Every scenario: in-process callers, and servers without tokens. */
    ScenarioScope ALL = scenario -> true;

    /** Whether events of {@code scenario} may be written in this call. */
    boolean permits(String scenario);

    /** A scope from a predicate over scenario names. */
    static ScenarioScope of(Predicate<String> permitted) {
        Objects.requireNonNull(permitted, "permitted");
        return permitted::test;
    }
}
