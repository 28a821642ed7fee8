package com.vrooli.telemetry.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that keeps everything in memory: for tests, examples and tools, not for production
 * (nothing survives the process, and de-duplication remembers every event id forever).
 * Passes the same contract test as every other store, limits included ({@link StoreLimits}).
 * Thread-safe: each scenario has its own lock.
 */
public final class InMemoryTelemetryStore implements TelemetryStore {

    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final StoreLimits limits;
    private final DeploymentBudget deployments;
    private final LongAdder scenariosRefused = new LongAdder();
    private final LongAdder pagesCutByBytes = new LongAdder();
    private volatile boolean closed;

    private InMemoryTelemetryStore(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.deployments = DeploymentBudget.create(limits.maxDeployments());
    }

    /** An empty store with the default limits. */
    public static InMemoryTelemetryStore create() {
        return new InMemoryTelemetryStore(StoreLimits.defaults());
    }

    /** An empty store with the given limits. */
    public static InMemoryTelemetryStore create(StoreLimits limits) {
        return new InMemoryTelemetryStore(limits);
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        checkOpen();
        Map<String, List<TelemetryEvent>> byScenario = new LinkedHashMap<>();
        AppendResult.Builder result = new AppendResult.Builder();
        Map<String, Scenario> admitted = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            TelemetryEvent e = events.get(i);
            Scenario s = admitted.computeIfAbsent(e.scenario(), this::admit);
            if (s == null) {
                result.rejected(i, limits.scenarioLimitError(e.scenario()));
                continue;
            }
            byScenario.computeIfAbsent(e.scenario(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<TelemetryEvent>> part : byScenario.entrySet()) {
            Scenario s = admitted.get(part.getKey());
            synchronized (s) {
                checkOpen();
                int stored = 0;
                int duplicates = 0;
                for (TelemetryEvent e : part.getValue()) {
                    if (e.eventId() != null && !s.ids.add(e.eventId())) {
                        duplicates++;
                        continue;
                    }
                    s.events.add(e);
                    s.aggregator.add(e);
                    s.activity.add(e);
                    stored++;
                }
                result.stored(part.getKey(), stored).duplicates(part.getKey(), duplicates);
            }
        }
        return result.build();
    }

    /** The scenario, created when there is room for one more; null when the cap is reached. */
    private Scenario admit(String scenario) {
        Scenario s = scenarios.get(scenario);
        if (s != null) {
            return s;
        }
        // Creations are serialised so that concurrent batches cannot pass the cap together.
        synchronized (scenarios) {
            s = scenarios.get(scenario);
            if (s == null && scenarios.size() < limits.maxScenarios()) {
                s = new Scenario(scenario, limits.maxFailureTypes());
                deployments.attach(s.activity);
                scenarios.put(scenario, s);
            } else if (s == null) {
                scenariosRefused.increment();
            }
            return s;
        }
    }

    @Override
    public List<ScenarioSummary> summaries() {
        checkOpen();
        List<ScenarioSummary> out = new ArrayList<>();
        for (Scenario s : scenarios.values()) {
            synchronized (s) {
                if (s.aggregator.totalEvents() > 0) {
                    out.add(s.aggregator.snapshot());
                }
            }
        }
        out.sort((a, b) -> a.scenario().compareTo(b.scenario()));
        return out;
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        checkOpen();
        Scenario s = scenarios.get(scenario);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return s.aggregator.totalEvents() == 0 ? Optional.empty() : Optional.of(s.aggregator.snapshot());
        }
    }

    @Override
    public Optional<Timeline> timeline(TimelineQuery query) {
        checkOpen();
        Scenario s = scenarios.get(query.scenario());
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return s.aggregator.totalEvents() == 0 ? Optional.empty() : Optional.of(s.activity.timeline(query));
        }
    }

    @Override
    public Optional<List<DeploymentState>> deployments(String scenario) {
        checkOpen();
        Scenario s = scenarios.get(scenario);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return s.aggregator.totalEvents() == 0 ? Optional.empty() : Optional.of(s.activity.deployments());
        }
    }

    @Override
    public EventPage query(EventQuery query) {
        checkOpen();
        boolean newestFirst = query.order() == EventQuery.Order.NEWEST_FIRST;
        Scenario s = scenarios.get(query.scenario());
        List<TelemetryEvent> snapshot;
        if (s == null) {
            snapshot = List.of();
        } else {
            synchronized (s) {
                snapshot = new ArrayList<>(s.events);
            }
        }
        int position = cursorPosition(query.cursor(), newestFirst, snapshot.size());
        EventFilter filter = EventFilter.of(query);
        List<TelemetryEvent> page = new ArrayList<>();
        PageBudget budget = new PageBudget(limits.maxPageBytes());
        boolean full = false;
        int step = newestFirst ? -1 : 1;
        int i = newestFirst ? position - 1 : position;
        while (i >= 0 && i < snapshot.size() && page.size() < query.limit()) {
            TelemetryEvent e = snapshot.get(i);
            if (filter.matches(e)) {
                if (!budget.take(EventLineCodec.encodedLength(e))) {
                    pagesCutByBytes.increment();
                    full = true;
                    break;
                }
                page.add(e);
            }
            i += step;
        }
        boolean more = newestFirst ? i >= 0 : i < snapshot.size();
        String next = full || (more && page.size() == query.limit())
                ? (newestFirst ? "n" : "o") + (newestFirst ? i + 1 : i) : null;
        return new EventPage(page, next);
    }

    private static int cursorPosition(String cursor, boolean newestFirst, int size) {
        if (cursor == null) {
            return newestFirst ? size : 0;
        }
        char expected = newestFirst ? 'n' : 'o';
        if (cursor.length() < 2 || cursor.charAt(0) != expected) {
            throw new InvalidQueryException("cursor was not issued for this query");
        }
        try {
            int position = Integer.parseInt(cursor.substring(1));
            if (position < 0 || position > size) {
                throw new InvalidQueryException("cursor was not issued for this query");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("cursor was not issued for this query");
        }
    }

    @Override
    public StoreLimitCounters limitCounters() {
        return new StoreLimitCounters(scenariosRefused.sum(), 0, 0, 0, pagesCutByBytes.sum(), deployments.dropped());
    }

    @Override
    public StoreHealth health() {
        return closed ? StoreHealth.unavailable("store is closed") : StoreHealth.ok();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreUnavailableException("store is closed");
        }
    }

    private static final class Scenario {
        final List<TelemetryEvent> events = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        final SummaryAggregator aggregator;
        final ActivityAggregator activity = ActivityAggregator.create();

        Scenario(String name, int maxFailureTypes) {
            this.aggregator = new SummaryAggregator(name, maxFailureTypes);
        }
    }
}
