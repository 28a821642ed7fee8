package com.vrooli.telemetry.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Keeps one scenario's timeline up to date, one event at a time: a count per bucket and event type
 * at every {@link TimelineResolution}, so a query costs the buckets it returns, never a scan of the
 * events. Memory is bounded: each resolution keeps only its {@link TimelineResolution#keptBuckets()}
 * newest buckets, and each bucket at most {@value #MAX_TYPES_PER_BUCKET} event types (more are
 * counted under {@value #OTHER}). The kept buckets and their counts depend only on the set of
 * events added, not on their order; only which types of an over-full bucket keep their own name
 * depends on which came first. Not thread-safe: stores guard it with the scenario's lock.
 */
public final class TimelineAggregator {

    /** Distinct event types one bucket counts by name; the rest are counted together. */
    public static final int MAX_TYPES_PER_BUCKET = 32;
    /** The name under which types beyond the cap are counted: not a valid event name, so never a real type. */
    public static final String OTHER = "(other)";

    private final Map<TimelineResolution, Level> levels = new EnumMap<>(TimelineResolution.class);
    private final FailureTypes failureTypes = new FailureTypes();

    /** An empty timeline. */
    public TimelineAggregator() {
        for (TimelineResolution r : TimelineResolution.values()) {
            levels.put(r, new Level(r));
        }
    }

    /** A timeline that continues from cells taken earlier with {@link #cells()}. */
    public static TimelineAggregator resume(List<TimelineCell> cells) {
        TimelineAggregator a = new TimelineAggregator();
        for (TimelineCell c : cells) {
            Cell cell = new Cell();
            c.typeCounts().forEach(cell::put);
            cell.otherEvents = c.otherEvents();
            cell.otherFailures = c.otherFailures();
            a.levels.get(c.resolution()).put(c.index(), cell);
        }
        return a;
    }

    /** Counts one event. */
    public void add(CountedEvent e) {
        boolean failure = failureTypes.isFailure(e.event());
        for (Level level : levels.values()) {
            level.add(e.timestamp(), e.event(), failure);
        }
    }

    /** The buckets a query asks for; cost grows with the buckets in its range. */
    public Timeline query(String scenario, TimelineQuery q) {
        Level level = levels.get(q.resolution());
        long width = q.resolution().widthSeconds();
        NavigableMap<Long, Cell> range = level.cells;
        if (q.since() != null) {
            range = range.tailMap(Math.floorDiv(q.since().getEpochSecond() + width - 1, width), true);
        }
        if (q.until() != null) {
            range = range.headMap(Math.floorDiv(q.until().getEpochSecond() + width - 1, width), false);
        }
        List<TimelineBucket> out = new ArrayList<>(range.size());
        for (Map.Entry<Long, Cell> entry : range.entrySet()) {
            TimelineBucket b = entry.getValue().bucket(Instant.ofEpochSecond(entry.getKey() * width), q.eventType());
            if (b.events() > 0) {
                out.add(b);
            }
        }
        return new Timeline(scenario, q.resolution(), out);
    }

    /** Every kept bucket, for a snapshot. */
    public List<TimelineCell> cells() {
        List<TimelineCell> out = new ArrayList<>();
        for (Level level : levels.values()) {
            for (Map.Entry<Long, Cell> entry : level.cells.entrySet()) {
                Cell c = entry.getValue();
                out.add(new TimelineCell(level.resolution, entry.getKey(), c.typeCounts(), c.otherEvents, c.otherFailures));
            }
        }
        return out;
    }

    /** One resolution's buckets by index, the newest {@code keptBuckets} only. */
    private static final class Level {
        final TimelineResolution resolution;
        final TreeMap<Long, Cell> cells = new TreeMap<>();
        /** The bucket most events land in, looked up without the tree. */
        long lastIndex = Long.MIN_VALUE;
        Cell lastCell;

        Level(TimelineResolution resolution) {
            this.resolution = resolution;
        }

        void add(Instant ts, String type, boolean failure) {
            long index = Math.floorDiv(ts.getEpochSecond(), resolution.widthSeconds());
            Cell cell;
            if (index == lastIndex && lastCell != null) {
                cell = lastCell;
            } else {
                if (!cells.isEmpty() && index <= cells.lastKey() - resolution.keptBuckets()) {
                    return; // older than the window: a bucket that would be dropped at once
                }
                cell = cells.get(index);
                if (cell == null) {
                    cell = new Cell();
                    put(index, cell);
                }
                lastIndex = index;
                lastCell = cell;
            }
            cell.count(type, failure);
        }

        void put(long index, Cell cell) {
            cells.put(index, cell);
            long oldestKept = cells.lastKey() - resolution.keptBuckets() + 1;
            while (cells.firstKey() < oldestKept) {
                Long dropped = cells.pollFirstEntry().getKey();
                if (dropped == lastIndex) {
                    lastCell = null;
                }
            }
        }
    }

    /**
     * One bucket: counts by event type, bounded, plus what overflowed. The types are a short list
     * searched in order by hash, not a map: a bucket holds a few types, and a map per bucket (its
     * table, an entry and a counter per type) was 5% of a cold open's CPU when the events of each
     * scenario came in bursts, each making new buckets (JFR, 10M events). At the cap of 32 types a
     * search compares 32 hashes.
     */
    private static final class Cell {
        private String[] names = new String[2];
        private int[] hashes = new int[2];
        private long[] counts = new long[2];
        private int size;
        long otherEvents;
        long otherFailures;

        void count(String type, boolean failure) {
            int h = type.hashCode();
            for (int k = 0; k < size; k++) {
                if (hashes[k] == h && names[k].equals(type)) {
                    counts[k]++;
                    return;
                }
            }
            if (size >= MAX_TYPES_PER_BUCKET) {
                otherEvents++;
                if (failure) {
                    otherFailures++;
                }
                return;
            }
            put(type, 1);
        }

        /** Adds a type not counted yet (under the cap) with its count. */
        void put(String type, long n) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            names[size] = type;
            hashes[size] = type.hashCode();
            counts[size] = n;
            size++;
        }

        long countOf(String type) {
            for (int k = 0; k < size; k++) {
                if (names[k].equals(type)) {
                    return counts[k];
                }
            }
            return 0;
        }

        Map<String, Long> typeCounts() {
            Map<String, Long> out = new HashMap<>(size * 2);
            for (int k = 0; k < size; k++) {
                out.put(names[k], counts[k]);
            }
            return out;
        }

        TimelineBucket bucket(Instant start, String only) {
            if (only != null) {
                long count = countOf(only);
                boolean failure = EventCatalogue.isFailure(only);
                return new TimelineBucket(start, count, failure ? count : 0,
                        failure && count > 0 ? Map.of(only, count) : Map.of());
            }
            long events = otherEvents;
            long failures = otherFailures;
            Map<String, Long> byType = new HashMap<>();
            for (int k = 0; k < size; k++) {
                long n = counts[k];
                events += n;
                if (EventCatalogue.isFailure(names[k])) {
                    failures += n;
                    byType.put(names[k], n);
                }
            }
            if (otherFailures > 0) {
                byType.put(OTHER, otherFailures);
            }
            return new TimelineBucket(start, events, failures, byType);
        }
    }
}
