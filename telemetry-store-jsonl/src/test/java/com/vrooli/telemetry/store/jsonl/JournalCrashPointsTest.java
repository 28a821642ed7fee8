package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.journal.Journal;
import com.vrooli.telemetry.store.jsonl.journal.JournalReplay;
import com.vrooli.telemetry.store.jsonl.journal.JournalSegment;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash points injected in-process: the directory of a running store is copied as a crash would
 * leave it (what was written is there, what was not forced may be lost or torn), and a new store
 * opened on the copy must hold every acknowledged line exactly once, byte for byte.
 */
class JournalCrashPointsTest {

    private static final String[] SCENARIOS = {"alpha", "beta", "gamma", "delta"};

    @TempDir
    Path tmp;

    private static JsonlTelemetryStore open(Path dir, RetentionPolicy retention) {
        return JsonlTelemetryStore.builder(dir).snapshots(false).retention(retention)
                // Nothing is sealed or deleted on its own: the journal covers every write.
                .journal(64L << 20, Duration.ofHours(1)).open();
    }

    private static List<TelemetryEvent> unique(List<TelemetryEvent> batch, int round) {
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            TelemetryEvent e = batch.get(i);
            out.add(e.eventId() == null ? e : e.withEventId(e.eventId() + "-" + round + "-" + i));
        }
        return out;
    }

    /** Every regular file of the directory (not the journal, lock or corrupt files) and its bytes. */
    private static Map<String, byte[]> scenarioFiles(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.startsWith(".") && !name.endsWith(".corrupt")) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** What a power loss may do to an unforced scenario file: cut it anywhere, then maybe add garbage. */
    private static void damage(Path file, SplittableRandom random) throws IOException {
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size == 0 ? 0 : random.nextLong(size + 1));
            if (random.nextBoolean()) {
                ch.write(java.nio.ByteBuffer.wrap("{\"ts\":\"20".getBytes(StandardCharsets.US_ASCII)), ch.size());
            }
        }
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Path dir) throws IOException {
        Map<String, byte[]> actual = scenarioFiles(dir);
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    @DisplayName("lost or torn scenario writes come back from the journal exactly once, byte for byte")
    void lostScenarioWrites(long seed) throws IOException {
        Path live = tmp.resolve("live");
        Path crashed = tmp.resolve("crashed");
        SplittableRandom random = new SplittableRandom(seed);
        RandomEvents events = new RandomEvents(seed, SCENARIOS);
        try (JsonlTelemetryStore store = open(live, RetentionPolicy.none())) {
            for (int round = 0; round < 30; round++) {
                store.append(unique(events.batch(20), round));
            }
            copy(live, crashed);
        }
        Map<String, byte[]> acknowledged = scenarioFiles(crashed);
        for (String name : acknowledged.keySet()) {
            damage(crashed.resolve(name), random);
        }

        try (JsonlTelemetryStore reopened = open(crashed, RetentionPolicy.none())) {
            assertTrue(reopened.journalPartsReplayed() > 0, "something was written back");
        }
        assertSameFiles(acknowledged, crashed);
        try (JsonlTelemetryStore again = open(crashed, RetentionPolicy.none())) {
            assertEquals(0, again.journalPartsReplayed(), "the journal was deleted after its replay");
            assertEquals(0, again.stats().badLinesSkipped());
        }
    }

    @Test
    @DisplayName("a crash during replay, before the journal is deleted, replays again without a line twice")
    void crashDuringReplay() throws IOException {
        Path live = tmp.resolve("live");
        Path crashed = tmp.resolve("crashed");
        RandomEvents events = new RandomEvents(42, SCENARIOS);
        try (JsonlTelemetryStore store = open(live, RetentionPolicy.none())) {
            for (int round = 0; round < 20; round++) {
                store.append(unique(events.batch(30), round));
            }
            copy(live, crashed);
        }
        Map<String, byte[]> acknowledged = scenarioFiles(crashed);
        Path journalCopy = tmp.resolve("journal-copy");
        copy(crashed.resolve(Journal.DIRECTORY), journalCopy);
        damage(crashed.resolve("alpha.jsonl"), new SplittableRandom(1));
        damage(crashed.resolve("beta.jsonl"), new SplittableRandom(2));
        JournalReplay.replay(crashed);
        // The crash: the replayed lines reached the files, the deletion of the journal did not.
        copy(journalCopy, crashed.resolve(Journal.DIRECTORY));
        damage(crashed.resolve("gamma.jsonl"), new SplittableRandom(3));

        try (JsonlTelemetryStore reopened = open(crashed, RetentionPolicy.none())) {
            assertEquals(acknowledged.values().stream().mapToLong(b -> countLines(b)).sum(),
                    reopened.stats().events());
        }
        assertSameFiles(acknowledged, crashed);
    }

    private static long countLines(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    @Test
    @DisplayName("after retention rotations, a replay writes nothing into the wrong live file (rotation markers)")
    void rotationsBetweenWrites() throws IOException {
        Path live = tmp.resolve("live");
        Path crashed = tmp.resolve("crashed");
        RandomEvents events = new RandomEvents(7, SCENARIOS);
        RetentionPolicy retention = RetentionPolicy.builder().segmentBytes(4096).build();
        try (JsonlTelemetryStore store = open(live, retention)) {
            for (int round = 0; round < 40; round++) {
                store.append(unique(events.batch(20), round));
                if (round % 10 == 9) {
                    store.runRetention();
                }
            }
            store.runRetention();
            assertTrue(store.retentionStats().rotations() > 0);
            copy(live, crashed);
        }
        Map<String, byte[]> acknowledged = scenarioFiles(crashed);
        for (String scenario : SCENARIOS) {
            damage(crashed.resolve(scenario + ".jsonl"), new SplittableRandom(scenario.hashCode()));
        }

        try (JsonlTelemetryStore reopened = open(crashed, retention)) {
            reopened.summaries();
        }

        assertSameFiles(acknowledged, crashed);
        for (String scenario : SCENARIOS) {
            List<String> ids = new ArrayList<>();
            try (Stream<Path> files = Files.list(crashed)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith(scenario + ".jsonl")
                        && !p.getFileName().toString().endsWith(".corrupt")).toList()) {
                    for (TelemetryEvent e : StoreTestSupport.assertWholeValidLines(p, scenario)) {
                        if (e.eventId() != null) {
                            ids.add(e.eventId());
                        }
                    }
                }
            }
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no event stored twice in " + scenario);
        }
    }

    @Test
    @DisplayName("sealed journal segments are deleted once the scenario files they cover are forced; close deletes the rest")
    void checkpointDeletesCoveredSegments() throws IOException {
        Path dir = tmp.resolve("store");
        RandomEvents events = new RandomEvents(3, SCENARIOS);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(dir).snapshots(false)
                .journal(2048, Duration.ofHours(1)).open()) {
            for (int round = 0; round < 30; round++) {
                store.append(unique(events.batch(20), round));
            }
            store.runWriteBehind();
            assertEquals(2, segments(dir), "only the active segment and the one readied after it are left");
            assertTrue(newestSegment(dir) > 3, "segments were sealed by size: " + newestSegment(dir));
        }
        assertEquals(0, segments(dir), "a clean close leaves no journal to replay");
    }

    @Test
    @DisplayName("the write-behind readies the next journal segment ahead, the seal hands the appends to it, and a crash"
            + " with a readied segment loses nothing")
    void nextSegmentIsReadiedAhead() throws IOException {
        Path live = tmp.resolve("live");
        Path crashed = tmp.resolve("crashed");
        RandomEvents events = new RandomEvents(4, SCENARIOS);
        try (JsonlTelemetryStore store = JsonlTelemetryStore.builder(live).snapshots(false)
                .journal(2048, Duration.ofHours(1)).open()) {
            store.append(unique(events.batch(20), 0));
            store.runWriteBehind(); // (its thread may have run already: either way the successor is ready now)
            long readied = newestSegment(live);
            assertEquals(newestWithRecords(live) + 1, readied, "the successor of the active segment is readied");
            byte[] ahead = Files.readAllBytes(segment(live, readied));
            assertEquals(1 << 20, ahead.length, "its first MiB is reserved");
            assertTrue(allZeros(ahead, 0, ahead.length), "it holds no record yet");

            store.append(unique(events.batch(20), 1)); // the active segment is full: sealed
            assertEquals(readied, newestWithRecords(live), "the seal handed the append to the readied segment");

            store.runWriteBehind();
            assertEquals(readied + 1, newestSegment(live), "and its successor is readied in turn");
            Map<String, byte[]> before = scenarioFiles(live);
            store.append(unique(events.batch(20), 2));
            copy(live, crashed); // a crash with the readied segment on the disk
            for (String name : before.keySet()) {
                // The last upload's scenario writes lost: only the journal's active segment holds them.
                try (FileChannel ch = FileChannel.open(crashed.resolve(name), StandardOpenOption.WRITE)) {
                    ch.truncate(before.get(name).length);
                }
            }
        }
        Map<String, byte[]> acknowledged = scenarioFiles(live);
        try (JsonlTelemetryStore store = open(crashed, RetentionPolicy.none())) {
            assertEquals(acknowledged.values().stream().mapToLong(b -> countLines(b)).sum(), store.stats().events(),
                    "every acknowledged event is back, once");
        }
        assertSameFiles(acknowledged, crashed);
    }

    /** The highest-numbered journal segment whose first bytes are a record rather than reserved zeros. */
    private static long newestWithRecords(Path dir) throws IOException {
        long newest = -1;
        try (Stream<Path> files = Files.list(dir.resolve(Journal.DIRECTORY))) {
            for (Path p : files.toList()) {
                long number = JournalSegment.number(p.getFileName().toString());
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(p);
                } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
                    continue; // by the write-behind's thread: a sealed segment all of whose writes are forced
                }
                if (number > newest && bytes.length >= 8 && !allZeros(bytes, 0, 8)) {
                    newest = number;
                }
            }
        }
        return newest;
    }

    private static Path segment(Path dir, long number) {
        return dir.resolve(Journal.DIRECTORY).resolve(JournalSegment.fileName(number));
    }

    private static boolean allZeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static long newestSegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(Journal.DIRECTORY))) {
            return files.mapToLong(p -> JournalSegment.number(p.getFileName().toString())).max().orElse(-1);
        }
    }

    private static long segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(Journal.DIRECTORY))) {
            return files.filter(p -> JournalSegment.number(p.getFileName().toString()) >= 0).count();
        }
    }
}
