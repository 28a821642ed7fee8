package com.vrooli.telemetry.store.jsonl.directory;

import com.vrooli.telemetry.store.jsonl.retention.SealedSegments;
import com.vrooli.telemetry.store.jsonl.retention.Segment;
import com.vrooli.telemetry.store.jsonl.retention.SegmentName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One look at a telemetry directory: for each scenario, whether it has a live file and which
 * sealed segments, plus what a crash may have left behind (an unfinished compression
 * {@code .gz.tmp}, or a compressed copy beside the plain segment it was made from). Only regular
 * files count: symbolic links and directories are ignored. Stateless.
 */
public final class DirectoryListing {

    /**
     * What the listing found for one scenario.
     *
     * @param live      whether {@code {scenario}.jsonl} exists
     * @param segments  its segments (the plain form when both forms of a number exist)
     * @param leftovers files a crash left behind, which a writing store deletes on open
     */
    public record Entry(boolean live, SealedSegments segments, List<Path> leftovers) {
    }

    private DirectoryListing() {
    }

    /** Every scenario with a live file or a segment in {@code dir}, by name. */
    public static SortedMap<String, Entry> read(Path dir) throws IOException {
        Map<String, Boolean> live = new TreeMap<>();
        Map<String, Map<Long, Segment>> segments = new TreeMap<>();
        Map<String, List<Path>> leftovers = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Path fileName = entry.getFileName();
                if (fileName == null) {
                    continue;
                }
                String name = fileName.toString();
                String scenario = ScenarioDirectory.scenarioOf(entry);
                if (scenario != null) {
                    live.put(scenario, true);
                    continue;
                }
                if (SegmentName.isTempGzip(name)) {
                    SegmentName of = SegmentName.parse(name.substring(0, name.length() - SegmentName.TMP.length()));
                    leftovers.computeIfAbsent(of.scenario(), k -> new ArrayList<>()).add(entry);
                    continue;
                }
                SegmentName segment = SegmentName.parse(name);
                BasicFileAttributes attributes = segment == null ? null : regularFile(entry);
                if (attributes == null) {
                    continue;
                }
                Segment found = new Segment(segment, entry, attributes.size(),
                        attributes.lastModifiedTime().toInstant());
                Segment other = segments.computeIfAbsent(segment.scenario(), k -> new TreeMap<>())
                        .putIfAbsent(segment.number(), found);
                if (other != null) {
                    // Both forms of one number: a crash between writing the .gz and deleting the
                    // plain file. The plain one is the original; the copy is redone later.
                    Segment plain = other.gzip() ? found : other;
                    Segment copy = other.gzip() ? other : found;
                    segments.get(segment.scenario()).put(segment.number(), plain);
                    leftovers.computeIfAbsent(segment.scenario(), k -> new ArrayList<>()).add(copy.path());
                }
            }
        }
        SortedMap<String, Entry> out = new TreeMap<>();
        for (String scenario : union(live, segments)) {
            Map<Long, Segment> own = segments.getOrDefault(scenario, Map.of());
            out.put(scenario, new Entry(live.containsKey(scenario), SealedSegments.of(new ArrayList<>(own.values())),
                    leftovers.getOrDefault(scenario, List.of())));
        }
        return out;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeMap<String, Boolean> all = new TreeMap<>();
        a.keySet().forEach(k -> all.put(k, true));
        b.keySet().forEach(k -> all.put(k, true));
        return new ArrayList<>(all.keySet());
    }

    private static BasicFileAttributes regularFile(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a : null;
        } catch (IOException e) {
            // Gone since the listing (retention deleted it): not a segment any more.
            return null;
        }
    }
}
