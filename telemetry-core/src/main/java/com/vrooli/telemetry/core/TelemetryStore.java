package com.vrooli.telemetry.core;

import java.util.List;
import java.util.Optional;

/**
 * Where events live: the storage SPI. The JSONL store is the embedded default; a shared database
 * store can implement the same contract, so nothing here speaks of files, offsets or paths, nor of
 * how a store lays out JSON text.
 *
 * <p>Contract for every implementation (checked by the abstract contract test in core's test jar,
 * {@code TelemetryStoreContractTest}):
 * <ul>
 *   <li>{@link #append} stores events durably before it returns (under the store's durability
 *       setting), and de-duplicates by {@code (scenario, event_id)}, comparing both exactly
 *       (case-sensitive): an event whose id was stored earlier in the same batch is always a
 *       duplicate; an event whose id was stored by an earlier batch is a duplicate at least while that
 *       first copy is within the store's <em>de-duplication window</em>. Each store documents its
 *       window: the in-memory store remembers every id; the JSONL store the 1,000,000 most recently
 *       stored ids across all scenarios by default (rebuilt on restart); a store with a unique key
 *       on {@code (scenario, event_id)} remembers every id. Past the window a retry may be stored
 *       again. Duplicates are counted, not stored, and change no summary. Events without an id are
 *       always stored.</li>
 *   <li>Summaries, timelines and deployments are kept up to date by every append and answered
 *       without rescanning events; they survive a restart of a store that keeps its events.</li>
 *   <li>Queries return whole events in stored order (or its reverse), resumable with an opaque
 *       cursor, and filter exactly as {@link EventQuery} defines (use {@link EventFilter#matches}
 *       on decoded events, or an equivalent the contract test accepts).</li>
 *   <li>An event read back equals the event stored: the same timestamp (to the nanosecond), ids,
 *       type and details ({@link Details} compare by their canonical compact text).</li>
 *   <li>Every method is safe to call from many threads at once.</li>
 * </ul>
 */
public interface TelemetryStore extends AutoCloseable {

    /**
     * Stores a batch of validated events, possibly of several scenarios.
     *
     * @return how many were stored and how many were duplicates, by scenario
     * @throws StoreUnavailableException when the store cannot write now (disk full, read-only,
     *                                   closed); nothing of a scenario's part of the batch is
     *                                   half-written
     */
    AppendResult append(List<TelemetryEvent> events);

    /**
     * Every scenario's summary, sorted by scenario name. A store never changes a list it has
     * returned, and may return the same unmodifiable list again while nothing changed (callers may
     * reuse what they made of it); callers must not change it.
     */
    List<ScenarioSummary> summaries();

    /** One scenario's summary; empty when the scenario has no events. */
    Optional<ScenarioSummary> summary(String scenario);

    /**
     * A scenario's event and failure counts per bucket (see {@link TimelineAggregator} for the
     * semantics and bounds); empty when the scenario has no events. Costs the buckets returned.
     */
    Optional<Timeline> timeline(TimelineQuery query);

    /**
     * A scenario's fleet view: one row per {@code deployment_id}, most recently seen first (see
     * {@link DeploymentAggregator} for the semantics and bounds); empty when the scenario has no
     * events.
     */
    Optional<List<DeploymentState>> deployments(String scenario);

    /**
     * One page of a scenario's events; an unknown scenario gives an empty page.
     *
     * @throws InvalidQueryException when the cursor was not issued by this store for this query
     */
    EventPage query(EventQuery query);

    /** Whether the store can currently accept writes. */
    StoreHealth health();

    /** What the store's bounds did since it was opened; cheap enough for every scrape. */
    default StoreLimitCounters limitCounters() {
        return StoreLimitCounters.NONE;
    }

    /** Flushes and releases everything; later calls fail with {@link StoreUnavailableException}. */
    @Override
    void close();
}
