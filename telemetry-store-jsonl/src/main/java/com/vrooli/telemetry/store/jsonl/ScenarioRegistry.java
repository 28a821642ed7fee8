package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.StoreUnavailableException;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The scenarios of one store's directory: loads them on open, creates new ones on first append,
 * and, for a read-only store, follows the writer (new files, appended lines) when asked. A
 * writing store knows every file because it is the only writer, so it never looks at the disk
 * for a scenario it has not loaded or created. It also decides which scenarios may be appended to
 * at all (see {@link #admit}). Thread-safe.
 */
final class ScenarioRegistry {

    private final Path dir;
    private final boolean readOnly;
    private final WriteChannel.Opener opener;
    private final StoreCounters counters;
    private final LongConsumer fsyncListener;
    private final ConcurrentHashMap<String, ScenarioFile> files = new ConcurrentHashMap<>();
    private final ScenarioOwners owners = new ScenarioOwners();

    private final ScenarioFile.Growth growth;

    ScenarioRegistry(Path dir, boolean readOnly, WriteChannel.Opener opener, StoreCounters counters,
                     LongConsumer fsyncListener, ScenarioFile.Growth growth) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.opener = opener;
        this.counters = counters;
        this.fsyncListener = fsyncListener;
        this.growth = growth;
    }

    /**
     * Reads every scenario file once: rebuilds its summary, moves a torn tail aside (when
     * writing) and gives each scenario's newest event ids, an equal share of the window, to
     * {@code window} (null for a read-only store).
     */
    void load(DedupWindow window) throws IOException {
        SortedMap<String, DirectoryListing.Entry> listing = DirectoryListing.read(dir);
        List<String> scenarios = new ArrayList<>(listing.keySet());
        int quota = window == null ? 0 : Math.max(1, window.capacity() / Math.max(1, scenarios.size()));
        for (String scenario : scenarios) {
            DirectoryListing.Entry entry = listing.get(scenario);
            if (!readOnly) {
                deleteLeftovers(entry.leftovers());
            }
            ScenarioFile file = create(scenario);
            file.useSegments(entry.segments());
            RecentIds ids = new RecentIds(scenario, quota);
            file.rebuild(ids, !readOnly);
            if (window != null) {
                ids.addTo(window);
            }
            files.put(scenario, file);
        }
        owners.load(scenarios, this::firstEvent);
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
                    : SegmentReader.firstEvent(sealed.get(0), scenario);
        } catch (IOException e) {
            // Unreadable or gone: it cannot claim to be first.
            return null;
        }
    }

    /**
     * Keeps the events whose scenario may be stored here and records each other one in
     * {@code refused} by its index in {@code events}: a spelling that differs only in case from the
     * scenario owning that name, a name the file system cannot hold, or a scenario whose path in the
     * directory is not a regular file (a symbolic link, a directory).
     */
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

    private String problemOf(String scenario) {
        if (!files.containsKey(scenario)) {
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
        }
        String owner = owners.claim(scenario);
        return owner.equals(scenario) ? null : ScenarioNames.caseConflict(scenario, owner);
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
            files.keySet().removeIf(scenario -> !listing.containsKey(scenario));
        }
        return files.values();
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

    private void refresh(ScenarioFile file, SegmentSet segments) {
        try {
            file.refresh(segments);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read scenario '" + file.scenario + "': "
                    + IoReasons.describe(e), e);
        }
    }

    private ScenarioFile create(String scenario) {
        Path path = ScenarioDirectory.fileOf(dir, scenario);
        return readOnly ? ScenarioFile.readable(scenario, path, counters)
                : ScenarioFile.writable(scenario, path, opener, counters, fsyncListener, growth);
    }
}
