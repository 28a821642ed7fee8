package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventLevel;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.JsonlFileSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code telemetry logs <scenario>}: a scenario's events, filtered, oldest first with the newest at
 * the bottom; {@code --follow} keeps printing new ones until interrupted, and follows a file like
 * {@code tail -F} (a truncated or replaced file is read again from its start). With {@code --file}
 * the scenario may be left out: every event of the file is shown.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show a scenario's events: the newest --limit that match, oldest first.")
final class LogsCommand implements Callable<Integer> {

    private static final int MAX_SCENARIOS_LISTED = 20;

    private final CliEnvironment env;
    private final StoreOpener stores;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "The scenario, such as picker-wheel (optional with --file).")
    String scenario;

    @Option(names = "--level", paramLabel = "LEVEL", converter = LevelConverter.class,
            description = "Only events at this level or above: info, warn or error.")
    EventLevel level;

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only events whose type, deployment or details contain TEXT (any case).")
    String search;

    @Option(names = "--event", paramLabel = "TYPE", split = ",",
            description = "Only these event types (repeatable or comma-separated).")
    List<String> events = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only events at or after TIME: 2025-01-15T12:00:00Z, or a span ago such as 2h or 7d.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before TIME (same forms as --since).")
    String until;

    @Option(names = "--deployment", paramLabel = "ID", description = "Only events of this deployment id.")
    String deployment;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Show at most the newest N events (default ${DEFAULT-VALUE}, at most 10000).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json (an array of events; one object per line with --follow)"
                    + " or jsonl (the stored line format).")
    EventPrinter.Format format;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted.")
    boolean follow;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LogSourceOptions source = new LogSourceOptions();

    @Mixin
    ReadTokenOptions tokens = new ReadTokenOptions();

    LogsCommand(CliEnvironment env, StoreOpener stores) {
        this.env = env;
        this.stores = stores;
    }

    @Override
    public Integer call() {
        EventQuery query = query();
        try (TelemetryReader reader = source.open(env, stores, tokens, scenario)) {
            if (source.file == null) {
                // A file is not summarised up front: that would read all of it for the newest page.
                requireKnownScenario(reader);
            }
            EventPrinter printer = new EventPrinter(format, env.out(), env.colour());
            int code = follow ? follow(reader, query, printer) : printNewest(reader, query, printer);
            reader.warning().ifPresent(w -> env.err().println("telemetry: " + TerminalText.escape(w)));
            return code;
        }
    }

    private int printNewest(TelemetryReader reader, EventQuery query, EventPrinter printer) {
        EventPage page = reader.query(query);
        if (page.events().isEmpty() && scenario != null && source.file != null) {
            requireKnownScenario(reader);
        }
        List<TelemetryEvent> chronological = new ArrayList<>(page.events());
        Collections.reverse(chronological);
        printer.printAll(chronological);
        if (page.nextCursor() != null && format == EventPrinter.Format.TABLE) {
            env.err().println("telemetry: showing the newest " + limit + " matching events; --limit shows more");
        }
        return 0;
    }

    private int follow(TelemetryReader reader, EventQuery query, EventPrinter printer) {
        Follower follower = new Follower(reader, query);
        printer.printFollowStart(follower.catchUp(limit));
        int restarts = follower.restarts();
        while (true) {
            try {
                Thread.sleep(env.followInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            List<TelemetryEvent> fresh;
            try {
                fresh = follower.poll();
            } catch (RuntimeException e) {
                // Interrupted in the read itself (the HTTP request, or a file channel the interrupt
                // closed): the same end as an interrupt in the sleep, not a failure to report.
                if (Thread.currentThread().isInterrupted()) {
                    return 0;
                }
                throw e;
            }
            if (follower.restarts() != restarts) {
                restarts = follower.restarts();
                env.err().println("telemetry: " + TerminalText.escape(source.describe(env))
                        + " was truncated or replaced; following it from its start");
            }
            printer.printMore(fresh);
        }
    }

    private EventQuery query() {
        if (scenario == null && source.file == null) {
            throw new CliException(CliException.USAGE, "give a SCENARIO (it may be left out only with --file)");
        }
        String target = scenario != null ? scenario : JsonlFileSource.defaultScenario(source.file);
        String problem = EventRules.scenarioProblem(target);
        if (problem != null) {
            throw new CliException(CliException.USAGE, problem);
        }
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new CliException(CliException.USAGE, "--limit must be from 1 to " + EventQuery.MAX_LIMIT + ", got "
                    + limit);
        }
        Instant from = since == null ? null : DurationArgument.instant("--since", since, env.clock());
        Instant to = until == null ? null : DurationArgument.instant("--until", until, env.clock());
        if (from != null && to != null && !from.isBefore(to)) {
            throw new CliException(CliException.USAGE, "--since must be before --until");
        }
        Set<String> types = new LinkedHashSet<>();
        events.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(types::add);
        return EventQuery.builder(target).minLevel(level).search(search).eventTypes(types).since(from).until(to)
                .deploymentId(deployment).limit(limit).build();
    }

    private void requireKnownScenario(TelemetryReader reader) {
        if (reader.summary(scenario).isPresent()) {
            return;
        }
        List<String> known = reader.summaries().stream().map(ScenarioSummary::scenario).collect(Collectors.toList());
        String hint;
        if (known.isEmpty()) {
            hint = "there are no scenarios yet";
        } else if (known.size() <= MAX_SCENARIOS_LISTED) {
            hint = "known scenarios: " + String.join(", ", known);
        } else {
            hint = known.size() + " scenarios exist; `telemetry summary` lists them";
        }
        throw new CliException(CliException.ERROR, "no events for scenario '" + scenario + "' in "
                + source.describe(env) + " (" + hint + ")");
    }

    /** Reads {@code --level}. */
    static final class LevelConverter implements CommandLine.ITypeConverter<EventLevel> {
        @Override
        public EventLevel convert(String value) {
            return EventLevel.fromWireName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a level; use info, warn or error"));
        }
    }
}
