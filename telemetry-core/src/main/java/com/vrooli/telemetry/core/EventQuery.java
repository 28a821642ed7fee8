package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A query for one scenario's events. Every filter is optional (null or empty means "any"); an event
 * is returned when it passes all of them. The filters mean exactly this, whatever form a store keeps
 * events in ({@link EventFilter#matches} is the reference implementation):
 *
 * <ul>
 *   <li><b>scenario</b>: equal, case-sensitive.</li>
 *   <li><b>minLevel</b>: the event's {@link TelemetryEvent#level() level} is at or above it
 *       ({@code INFO < WARN < ERROR}). A level is never stored nor sent by clients: it is derived
 *       from the event by {@link EventCatalogue#levelOf(TelemetryEvent)}: {@code ERROR} for failure
 *       types ({@link EventCatalogue#isFailure}: the standard failures such as {@code crash}, and
 *       custom names ending in one of {@link EventCatalogue#FAILURE_SUFFIXES}, compared
 *       case-sensitively); the {@link StandardEvent}'s base level for the other standard types
 *       ({@code secrets_prompted} is {@code WARN}); {@code WARN} for {@code service_stopped} whose
 *       top-level {@code details.exit_code} is a non-zero number, or a string that, trimmed, is
 *       neither empty nor {@code "0"}; {@code INFO} otherwise (custom types included).</li>
 *   <li><b>eventTypes</b>: the event type is one of these, compared exactly (case-sensitive).</li>
 *   <li><b>search</b>: case-insensitive substring (both sides lower-cased with
 *       {@link String#toLowerCase(java.util.Locale) Locale.ROOT}) of any of: the event type, the
 *       deployment id, or the details' canonical compact JSON text ({@link Details#json()}: keys and
 *       values in the order received, no whitespace outside strings, strings quoted with only
 *       {@code \" \\ \b \f \n \r \t} and {@code \}{@code u00XX} for other control characters escaped,
 *       any other character, non-ASCII included, as itself),
 *       so a text such as {@code "exit_code":1} matches a key next to its value. Not searched:
 *       the scenario, the timestamp, the event id. The text the store keeps on disk or in a database
 *       column does not matter: a store that keeps details in another form (JSONB) must compare
 *       against {@link Details#json()}.</li>
 *   <li><b>since</b> (inclusive) and <b>until</b> (exclusive): on the event's timestamp, compared
 *       as instants at full precision; {@code since} must be before {@code until}.</li>
 *   <li><b>deploymentId</b>: equal, case-sensitive; events without a deployment id never match.</li>
 * </ul>
 *
 * @param scenario     the scenario to read
 * @param minLevel     only events at this level or above (derived, see above)
 * @param eventTypes   only these event types
 * @param search       only events whose type, deployment id or details text contain this text,
 *                     ignoring case (see above)
 * @param since        only events at or after this time (inclusive)
 * @param until        only events before this time (exclusive)
 * @param deploymentId only events of this deployment
 * @param limit        at most this many events per page (1 to {@link #MAX_LIMIT})
 * @param cursor       where a previous page stopped ({@link EventPage#nextCursor()}), or null
 * @param order        newest (last stored) first, or oldest first
 */
public record EventQuery(String scenario, EventLevel minLevel, Set<String> eventTypes, String search,
                         Instant since, Instant until, String deploymentId, int limit, String cursor,
                         Order order) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size. */
    public static final int MAX_LIMIT = 10_000;

    /** The order of results: by the order events were stored. */
    public enum Order {
        /** Most recently stored first (the default). */
        NEWEST_FIRST,
        /** Stored order. */
        OLDEST_FIRST
    }

    public EventQuery {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(order, "order");
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (search != null && search.isEmpty()) {
            search = null;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
    }

    /** A builder for a query of one scenario. */
    public static Builder builder(String scenario) {
        return new Builder(scenario);
    }

    /** The same query continuing from another cursor. */
    public EventQuery withCursor(String nextCursor) {
        return new EventQuery(scenario, minLevel, eventTypes, search, since, until, deploymentId, limit,
                nextCursor, order);
    }

    /** Builds an {@link EventQuery}; not thread-safe. */
    public static final class Builder {
        private final String scenario;
        private EventLevel minLevel;
        private Set<String> eventTypes = Set.of();
        private String search;
        private Instant since;
        private Instant until;
        private String deploymentId;
        private int limit = DEFAULT_LIMIT;
        private String cursor;
        private Order order = Order.NEWEST_FIRST;

        private Builder(String scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
        }

        public Builder minLevel(EventLevel level) {
            this.minLevel = level;
            return this;
        }

        public Builder eventTypes(Set<String> types) {
            this.eventTypes = types;
            return this;
        }

        public Builder search(String text) {
            this.search = text;
            return this;
        }

        public Builder since(Instant t) {
            this.since = t;
            return this;
        }

        public Builder until(Instant t) {
            this.until = t;
            return this;
        }

        public Builder deploymentId(String id) {
            this.deploymentId = id;
            return this;
        }

        public Builder limit(int n) {
            this.limit = n;
            return this;
        }

        public Builder cursor(String c) {
            this.cursor = c;
            return this;
        }

        public Builder order(Order o) {
            this.order = o;
            return this;
        }

        /** @throws IllegalArgumentException when the limit or time range is invalid */
        public EventQuery build() {
            return new EventQuery(scenario, minLevel, eventTypes, search, since, until, deploymentId, limit,
                    cursor, order);
        }
    }
}
