package com.vrooli.telemetry.store.jsonl.retention;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One scenario's sealed segments, oldest first, and the number its live file will take when it is
 * rotated next. A query's cursor names a file by that number, so offsets stay valid when the live
 * file becomes a segment. Immutable; a change makes a new set.
 *
 * @param segments   sealed segments, by increasing number
 * @param liveNumber the live file's number: one more than the newest segment's (1 without any)
 */
public record SealedSegments(List<Segment> segments, long liveNumber) {

    public static final SealedSegments EMPTY = new SealedSegments(List.of(), 1);

    public SealedSegments {
        segments = List.copyOf(segments);
    }

    /** The set of segments found on disk, numbering the live file after the newest. */
    public static SealedSegments of(List<Segment> found) {
        List<Segment> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> Long.compare(a.number(), b.number()));
        long live = sorted.isEmpty() ? 1 : sorted.get(sorted.size() - 1).number() + 1;
        return new SealedSegments(sorted, live);
    }

    /** This set after the live file was sealed as {@code sealed} (numbered {@link #liveNumber()}). */
    public SealedSegments withSealed(Segment sealed) {
        List<Segment> next = new ArrayList<>(segments);
        next.add(sealed);
        return new SealedSegments(next, liveNumber + 1);
    }

    /** This set with the segment of the same number replaced by {@code replacement}. */
    public SealedSegments withReplaced(Segment replacement) {
        List<Segment> next = new ArrayList<>(segments);
        next.replaceAll(s -> s.number() == replacement.number() ? replacement : s);
        return new SealedSegments(next, liveNumber);
    }

    /** This set without the segment numbered {@code number}. */
    public SealedSegments without(long number) {
        List<Segment> next = new ArrayList<>(segments);
        next.removeIf(s -> s.number() == number);
        return new SealedSegments(next, liveNumber);
    }

    /** The segment numbered {@code number}, or null. */
    Segment find(long number) {
        for (Segment s : segments) {
            if (s.number() == number) {
                return s;
            }
        }
        return null;
    }

    /** The segments newest first. */
    List<Segment> newestFirst() {
        List<Segment> out = new ArrayList<>(segments);
        Collections.reverse(out);
        return out;
    }

    /** Bytes on disk of every segment. */
    long bytes() {
        long sum = 0;
        for (Segment s : segments) {
            sum += s.bytes();
        }
        return sum;
    }

    /** The numbers of the segments, oldest first (to tell two listings apart). */
    public List<Long> numbers() {
        List<Long> out = new ArrayList<>(segments.size());
        segments.forEach(s -> out.add(s.number()));
        return out;
    }
}
