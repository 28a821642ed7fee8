package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioNames;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioOwners;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides which scenarios of a batch a writing store may append to: a known scenario under its
 * owning spelling, or a new one whose name the file system can hold, whose path is free or a
 * regular file, and that fits under {@link StoreLimits#maxScenarios()}. A new scenario admitted
 * here is created at once and put in the registry's map, so that it holds its place under the
 * cap. Thread-safe: creations are serialised, so concurrent batches cannot pass the cap together.
 */
final class ScenarioAdmission {

    private final Path dir;
    /** The registry's scenarios, shared with it: admission adds the new ones. */
    private final ConcurrentHashMap<String, ScenarioFile> files;
    private final ScenarioOwners owners;
    private final StoreLimits limits;
    private final StoreCounters counters;
    private final Function<String, ScenarioFile> create;
    private final Object creation = new Object();

    ScenarioAdmission(Path dir, ConcurrentHashMap<String, ScenarioFile> files, ScenarioOwners owners,
                      StoreLimits limits, StoreCounters counters, Function<String, ScenarioFile> create) {
        this.dir = dir;
        this.files = files;
        this.owners = owners;
        this.limits = limits;
        this.counters = counters;
        this.create = create;
    }

    /** See {@link ScenarioRegistry#admit}. */
    List<TelemetryEvent> admit(List<TelemetryEvent> events, AppendResult.Builder refused) {
        Map<String, String> problems = new HashMap<>();
        List<TelemetryEvent> admitted = null;
        for (int i = 0; i < events.size(); i++) {
            TelemetryEvent e = events.get(i);
            String problem = problems.computeIfAbsent(e.scenario(), s -> Optional.ofNullable(problemOf(s)).orElse(""));
            if (!problem.isEmpty()) {
                if (admitted == null) {
                    admitted = new ArrayList<>(events.subList(0, i));
                }
                refused.rejected(i, problem);
            } else if (admitted != null) {
                admitted.add(e);
            }
        }
        return admitted == null ? events : admitted;
    }

    /** Why the scenario may not be appended to, or null when it may (a new one is created here). */
    private String problemOf(String scenario) {
        if (files.containsKey(scenario)) {
            return ownerProblem(scenario);
        }
        String problem = ScenarioNames.fileNameProblem(dir, scenario);
        if (problem != null) {
            return problem;
        }
        Path path = ScenarioDirectory.fileOf(dir, scenario);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "scenario '" + scenario + "' cannot be stored: its path in the telemetry directory is not"
                    + " a regular file";
        }
        synchronized (creation) {
            if (files.containsKey(scenario)) {
                return ownerProblem(scenario);
            }
            if (files.size() >= limits.maxScenarios()) {
                counters.scenariosRefused.increment();
                return limits.scenarioLimitError(scenario);
            }
            String ownerProblem = ownerProblem(scenario);
            if (ownerProblem != null) {
                return ownerProblem;
            }
            ScenarioFile file = create.apply(scenario);
            file.markNew();
            files.put(scenario, file);
            return null;
        }
    }

    /**
     * Null when the scenario owns its name, else the case conflict: case twins found on open are
     * both loaded, but only the owning spelling is appended to.
     */
    private String ownerProblem(String scenario) {
        String owner = owners.claim(scenario);
        return owner.equals(scenario) ? null : ScenarioNames.caseConflict(scenario, owner);
    }
}
