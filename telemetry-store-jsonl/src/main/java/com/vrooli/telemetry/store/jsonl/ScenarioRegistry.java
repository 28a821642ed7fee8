package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.DeploymentBudget;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.dedup.DedupWindow;
import com.vrooli.telemetry.store.jsonl.dedup.NewestIdRing;
import com.vrooli.telemetry.store.jsonl.directory.DirectoryListing;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioDirectory;
import com.vrooli.telemetry.store.jsonl.directory.ScenarioOwners;
import com.vrooli.telemetry.store.jsonl.recovery.FileRecovery;
import com.vrooli.telemetry.store.jsonl.recovery.ParallelLoad;
import com.vrooli.telemetry.store.jsonl.recovery.RebuildReader;
import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenarios of one store's directory: loads them on open, creates new ones on first append,
 * and, for a read-only store, follows the writer (new files, appended lines) when asked. A
 * writing store knows every file because it is the only writer, so it never looks at the disk
 * for a scenario it has not loaded or created. It also decides which scenarios may be appended to
 * at all (see {@link #admit}, decided by {@link ScenarioAdmission}). Thread-safe.
 */
public final class ScenarioRegistry {

    private final Path dir;
    private final boolean readOnly;
    /** Null for a read-only store. */
    private final ScenarioFile.Setup setup;
    private final StoreCounters counters;
    private final ConcurrentHashMap<String, ScenarioFile> files = new ConcurrentHashMap<>();
    private final int windowCapacity;
    private final ScenarioOwners owners = new ScenarioOwners();
    private final StoreLimits limits;
    /** The store-wide deployment cap every scenario's fleet view counts against. */
    private final DeploymentBudget deployments;
    private final ScenarioAdmission admission;

    /**
     * @param setup          how writable scenarios are made; null for a read-only store
     * @param windowCapacity the de-duplication window's capacity, shared equally by the scenarios
     *                       (0 for a read-only store)
     */
    ScenarioRegistry(Path dir, ScenarioFile.Setup setup, StoreCounters counters, int windowCapacity,
                     StoreLimits limits, DeploymentBudget deployments) {
        this.dir = dir;
        this.deployments = deployments;
        this.windowCapacity = windowCapacity;
        this.readOnly = setup == null;
        this.setup = setup;
        this.counters = counters;
        this.limits = limits;
        this.admission = new ScenarioAdmission(dir, files, owners, limits, counters, this::create);
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
        SortedMap<String, DirectoryListing.Entry> listing = DirectoryListing.read(dir);
        List<String> scenarios = new ArrayList<>(listing.keySet());
        int quota = idQuota(scenarios.size());
        List<Loaded> loaded = ParallelLoad.map(scenarios,
                scenario -> loadOne(scenario, listing.get(scenario), quota, snapshots.get(scenario)));
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
            long[] all = new long[ids];
            int at = 0;
            for (Loaded l : loaded) {
                at = l.ids.copyTo(all, at);
            }
            window.addAllInParallel(all);
        }
        owners.load(scenarios, this::firstEvent);
        return restored;
    }

    /** One loaded scenario: its file, its share of ids, and the snapshot it resumed from (or null). */
    private record Loaded(ScenarioFile file, NewestIdRing ids, ScenarioSnapshot restoredFrom) {
    }

    /**
     * Loads one scenario: resumes from its snapshot only when it has no segments and the snapshot
     * matches its live file (see {@link ScenarioFile#segmented}); otherwise reads its segments and
     * live file whole.
     */
    private Loaded loadOne(String scenario, DirectoryListing.Entry entry, int quota, ScenarioSnapshot snapshot)
            throws IOException {
        if (!readOnly) {
            deleteLeftovers(entry.leftovers());
        }
        ScenarioFile file = create(scenario);
        file.useSegments(entry.segments());
        NewestIdRing ids = new NewestIdRing(scenario, quota);
        if (snapshot != null && file.restore(snapshot, ids, !readOnly)) {
            counters.scenariosRestored.increment();
            return new Loaded(file, ids, snapshot);
        }
        file.rebuild(ids, !readOnly);
        counters.scenariosRebuilt.increment();
        return new Loaded(file, ids, null);
    }

    /**
     * Deletes what a crash left behind, as far as it can: a copy that stays is never read (the
     * listing prefers the plain segment) and is overwritten when that segment is compressed again.
     */
    private static void deleteLeftovers(List<Path> leftovers) {
        for (Path leftover : leftovers) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException e) {
                // Harmless, see above; the next open tries again.
                continue;
            }
        }
    }

    /** The time of the scenario's first stored event (in its oldest file), or null. */
    private Instant firstEvent(String scenario) {
        ScenarioFile file = files.get(scenario);
        List<Segment> sealed = file.segments().current().segments();
        try {
            return sealed.isEmpty() ? FileRecovery.firstEvent(file.path, scenario)
                    : RebuildReader.firstEvent(sealed.get(0), scenario);
        } catch (IOException e) {
            // Unreadable or gone: it cannot claim to be first.
            return null;
        }
    }

    /**
     * Keeps the events whose scenario may be stored here and records each other one in
     * {@code refused} by its index in {@code events}: a new scenario once the store holds
     * {@link StoreLimits#maxScenarios()}, a spelling that differs only in case from the scenario
     * owning that name, a name the file system cannot hold, or a scenario whose path in the
     * directory is not a regular file (a symbolic link, a directory). A new scenario admitted here
     * is created at once, so that it holds its place under the cap.
     */
    public List<TelemetryEvent> admit(List<TelemetryEvent> events, AppendResult.Builder refused) {
        return admission.admit(events, refused);
    }

    /** The scenario to append to: one {@link #admit} let through. */
    public ScenarioFile forAppend(String scenario) {
        ScenarioFile file = files.get(scenario);
        if (file == null) {
            throw new IllegalStateException("scenario '" + scenario + "' was not admitted");
        }
        return file;
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
        // Listed, not probed: on a case-insensitive file system a probe of "App.jsonl" finds
        // "app.jsonl", and a listing skips symbolic links and shows the segments.
        DirectoryListing.Entry entry = list().get(scenario);
        if (entry == null) {
            return null;
        }
        file = files.computeIfAbsent(scenario, this::create);
        refresh(file, entry.segments());
        return file;
    }

    /** Every scenario; a read-only store first looks for new files and reads what was appended. */
    Collection<ScenarioFile> all() {
        if (readOnly) {
            SortedMap<String, DirectoryListing.Entry> listing = list();
            listing.forEach((scenario, entry) -> refresh(files.computeIfAbsent(scenario, this::create),
                    entry.segments()));
            files.values().removeIf(file -> {
                boolean gone = !listing.containsKey(file.scenario);
                if (gone) {
                    file.aggregate.release();
                }
                return gone;
            });
        }
        return files.values();
    }

    /** Closes every scenario's file; returns the first failure (later ones suppressed), or null. */
    IOException closeAll() {
        IOException failure = null;
        for (ScenarioFile file : files.values()) {
            try {
                file.close();
            } catch (IOException e) {
                failure = StoreParts.first(failure, e);
            }
        }
        return failure;
    }

    /** The scenarios known now, without looking at the disk. */
    Collection<ScenarioFile> known() {
        return files.values();
    }

    private SortedMap<String, DirectoryListing.Entry> list() {
        try {
            return DirectoryListing.read(dir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot list the telemetry directory: " + IoReasons.describe(e), e);
        }
    }

    private void refresh(ScenarioFile file, SealedSegments segments) {
        try {
            file.refresh(segments);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read scenario '" + file.scenario + "': "
                    + IoReasons.describe(e), e);
        }
    }

    private ScenarioFile create(String scenario) {
        Path path = ScenarioDirectory.fileOf(dir, scenario);
        return readOnly ? ScenarioFile.readable(scenario, path, counters, limits.maxFailureTypes(), deployments)
                : ScenarioFile.writable(scenario, path, setup, () -> idQuota(files.size()));
    }

    /** Each scenario's share of the de-duplication window: what a restart gives it. */
    private int idQuota(int scenarioCount) {
        return windowCapacity == 0 ? 0 : Math.max(1, windowCapacity / Math.max(1, scenarioCount));
    }
}
