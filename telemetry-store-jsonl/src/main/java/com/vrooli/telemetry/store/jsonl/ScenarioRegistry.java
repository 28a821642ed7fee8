package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The scenarios of one store's directory: loads them on open, creates new ones on first append,
 * and, for a read-only store, follows the writer (new files, appended lines) when asked. A
 * writing store knows every file because it is the only writer, so it never looks at the disk
 * for a scenario it has not loaded or created. Thread-safe.
 */
final class ScenarioRegistry {

    private final Path dir;
    private final boolean readOnly;
    private final WriteChannel.Opener opener;
    private final StoreCounters counters;
    private final LongConsumer fsyncListener;
    private final ConcurrentHashMap<String, ScenarioFile> files = new ConcurrentHashMap<>();
    private final int windowCapacity;

    /**
     * @param windowCapacity the de-duplication window's capacity, shared equally by the scenarios
     *                       (0 for a read-only store)
     */
    ScenarioRegistry(Path dir, boolean readOnly, WriteChannel.Opener opener, StoreCounters counters,
                     LongConsumer fsyncListener, int windowCapacity) {
        this.dir = dir;
        this.windowCapacity = windowCapacity;
        this.readOnly = readOnly;
        this.opener = opener;
        this.counters = counters;
        this.fsyncListener = fsyncListener;
    }

    /**
     * Loads every scenario file, on as many threads as there are processors: resumes it from its
     * snapshot when it has one that matches the file (reading only the lines after it), otherwise
     * reads it whole; moves a torn tail aside (when writing) and gives each scenario's newest event
     * ids, an equal share of the window, to {@code window} (null for a read-only store), scenario
     * by scenario in name order.
     *
     * @param snapshots the snapshot entries found on open, by scenario
     * @return the entries the scenarios were resumed from
     */
    Map<String, ScenarioSnapshot> load(DedupWindow window, Map<String, ScenarioSnapshot> snapshots)
            throws IOException {
        List<String> scenarios = ScenarioDirectory.scenarios(dir);
        int quota = idQuota(scenarios.size());
        List<Loaded> loaded = ParallelLoad.map(scenarios, scenario -> loadOne(scenario, quota, snapshots.get(scenario)));
        Map<String, ScenarioSnapshot> restored = new HashMap<>();
        int ids = 0;
        for (Loaded l : loaded) {
            files.put(l.file.scenario, l.file);
            if (l.restoredFrom != null) {
                restored.put(l.file.scenario, l.restoredFrom);
            }
            ids += l.ids.size();
        }
        if (window != null) {
            window.expect(ids);
            for (Loaded l : loaded) {
                l.ids.addTo(window);
            }
        }
        return restored;
    }

    /** One loaded scenario: its file, its share of ids, and the snapshot it resumed from (or null). */
    private record Loaded(ScenarioFile file, RecentIds ids, ScenarioSnapshot restoredFrom) {
    }

    private Loaded loadOne(String scenario, int quota, ScenarioSnapshot snapshot) throws IOException {
        ScenarioFile file = create(scenario);
        RecentIds ids = new RecentIds(scenario, quota);
        if (snapshot != null && file.restore(snapshot, ids, !readOnly)) {
            counters.scenariosRestored.increment();
            return new Loaded(file, ids, snapshot);
        }
        file.rebuild(ids, !readOnly);
        counters.scenariosRebuilt.increment();
        return new Loaded(file, ids, null);
    }

    /** The scenario to append to, created (file and all) on its first append. */
    ScenarioFile forAppend(String scenario) {
        return files.computeIfAbsent(scenario, name -> {
            ScenarioFile file = create(name);
            file.markNew();
            return file;
        });
    }

    /** The scenario's file when it has one; a read-only store first reads what was appended. */
    ScenarioFile find(String scenario) {
        if (!EventRules.isValidScenario(scenario)) {
            return null;
        }
        ScenarioFile file = files.get(scenario);
        if (!readOnly) {
            return file;
        }
        if (file == null) {
            if (!Files.exists(ScenarioDirectory.fileOf(dir, scenario))) {
                return null;
            }
            file = files.computeIfAbsent(scenario, this::create);
        }
        refresh(file);
        return file;
    }

    /** Every scenario; a read-only store first looks for new files and reads what was appended. */
    Collection<ScenarioFile> all() {
        if (readOnly) {
            try {
                for (String scenario : ScenarioDirectory.scenarios(dir)) {
                    files.computeIfAbsent(scenario, this::create);
                }
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot list the telemetry directory: "
                        + IoReasons.describe(e), e);
            }
            for (ScenarioFile file : files.values()) {
                refresh(file);
            }
        }
        return files.values();
    }

    /** The scenarios known now, without looking at the disk. */
    Collection<ScenarioFile> known() {
        return files.values();
    }

    private void refresh(ScenarioFile file) {
        try {
            file.refresh();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read scenario '" + file.scenario + "': "
                    + IoReasons.describe(e), e);
        }
    }

    private ScenarioFile create(String scenario) {
        Path path = ScenarioDirectory.fileOf(dir, scenario);
        return readOnly ? ScenarioFile.readable(scenario, path, counters)
                : ScenarioFile.writable(scenario, path, opener, counters, fsyncListener,
                        () -> idQuota(files.size()));
    }

    /** Each scenario's share of the de-duplication window: what a restart gives it. */
    private int idQuota(int scenarioCount) {
        return windowCapacity == 0 ? 0 : Math.max(1, windowCapacity / Math.max(1, scenarioCount));
    }
}
