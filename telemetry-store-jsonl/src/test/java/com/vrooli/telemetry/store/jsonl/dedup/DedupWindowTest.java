package com.vrooli.telemetry.store.jsonl.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.store.jsonl.JsonlTelemetryStore;
import com.vrooli.telemetry.store.jsonl.StoreTestSupport;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

    @Test
    void anIdsCharsFingerprintAsItsString() {
        long scenario = DedupWindow.scenarioHash("picker-wheel");
        for (String id : new String[] {"e-1", "0b5c2a8e-7d1f-4c6e-9a3b-2f8d4e6c1a7b", "x", "id:with.dots_and-dashes"}) {
            assertEquals(DedupWindow.fingerprint(scenario, id), DedupWindow.fingerprint(scenario, new StringBuilder(id)), id);
            assertEquals(DedupWindow.fingerprint("picker-wheel", id), DedupWindow.fingerprint(scenario, (CharSequence) id));
        }
    }

    @Test
    @DisplayName("remembers at most its capacity, forgetting the oldest first")
    void boundedFifo() {
        DedupWindow w = new DedupWindow(3);
        for (long fp = 1; fp <= 5; fp++) {
            w.add(fp);
        }

        assertEquals(3, w.size());
        assertFalse(w.contains(1));
        assertFalse(w.contains(2));
        assertTrue(w.contains(3) && w.contains(4) && w.contains(5));
    }

    @Test
    @DisplayName("stays exact through growth and many evictions (removal keeps probe chains intact)")
    void growthAndEviction() {
        int capacity = 5_000;
        DedupWindow w = new DedupWindow(capacity);
        int total = 60_000;
        for (int i = 0; i < total; i++) {
            w.add(DedupWindow.fingerprint("s", "id-" + i));
        }

        assertEquals(capacity, w.size());
        for (int i = 0; i < total; i++) {
            assertEquals(i >= total - capacity, w.contains(DedupWindow.fingerprint("s", "id-" + i)), "id-" + i);
        }
    }

    @Test
    @DisplayName("striped (large): holds its capacity, the newest ids all but a sliver at the old end, none of the oldest")
    void stripedWindow() {
        int capacity = DedupWindow.STRIPED_FROM * 2;
        DedupWindow w = new DedupWindow(capacity);
        int total = capacity * 3;
        long[] fps = new long[total];
        for (int i = 0; i < total; i++) {
            fps[i] = DedupWindow.fingerprint("s", "id-" + i);
        }
        w.addAll(fps);

        assertEquals(capacity, w.size());
        int slack = capacity / 20;
        for (int i = 0; i < total; i++) {
            if (i >= total - capacity + slack) {
                assertTrue(w.contains(fps[i]), "newest id-" + i);
            } else if (i < total - capacity - slack) {
                assertFalse(w.contains(fps[i]), "oldest id-" + i);
            }
        }
    }

    @Test
    @DisplayName("one part's ids checked and added across stripes: known ones dropped, the rest remembered")
    void partAcrossStripes() {
        DedupWindow w = new DedupWindow(DedupWindow.STRIPED_FROM);
        long[] first = new long[500];
        for (int i = 0; i < first.length; i++) {
            first[i] = DedupWindow.fingerprint("s", "a-" + i);
        }
        w.addAll(first);
        long[] part = new long[1000];
        boolean[] keep = new boolean[part.length];
        for (int i = 0; i < part.length; i++) {
            part[i] = i % 2 == 0 ? first[i / 2] : i % 7 == 0 ? 0 : DedupWindow.fingerprint("s", "b-" + i);
            keep[i] = i != 3;
        }
        int kept = w.dropKnown(part, keep);

        int expected = 0;
        for (int i = 0; i < part.length; i++) {
            boolean shouldKeep = i != 3 && i % 2 == 1;
            assertEquals(shouldKeep, keep[i], "index " + i);
            expected += shouldKeep ? 1 : 0;
        }
        assertEquals(expected, kept);
        w.addAll(part, keep);
        for (int i = 0; i < part.length; i++) {
            if (part[i] != 0) {
                assertEquals(i != 3, w.contains(part[i]), "index " + i);
            }
        }
        assertEquals(500 + expected - (int) java.util.stream.IntStream.range(0, part.length)
                .filter(i -> i % 2 == 1 && i % 7 == 0).count(), w.size());
    }

    @Test
    @DisplayName("adding an id it holds changes nothing")
    void addIsIdempotent() {
        DedupWindow w = new DedupWindow(2);
        w.add(7);
        w.add(7);
        w.add(8);

        assertTrue(w.contains(7));
        assertEquals(2, w.size());
    }

    @Test
    @DisplayName("fingerprints tell scenario and id apart, and are never 0")
    void fingerprints() {
        assertNotEquals(DedupWindow.fingerprint("ab", "c"), DedupWindow.fingerprint("a", "bc"));
        assertNotEquals(DedupWindow.fingerprint("one", "x"), DedupWindow.fingerprint("two", "x"));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            long fp = DedupWindow.fingerprint("s", Integer.toString(i));
            assertNotEquals(0, fp);
            assertTrue(seen.add(fp));
        }
    }

    @Test
    void capacityIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DedupWindow(0));
        assertThrows(IllegalArgumentException.class, () -> JsonlTelemetryStore.builder(StoreTestSupport.jimfsDir())
                .dedupWindow(-1));
    }

    @Test
    @DisplayName("sizing the window ahead changes nothing it remembers or forgets")
    void expectIsInvisible() {
        SplittableRandom random = new SplittableRandom(9);
        DedupWindow plain = new DedupWindow(500);
        DedupWindow sized = new DedupWindow(500);
        sized.expect(700);
        for (int i = 0; i < 2000; i++) {
            long fp = 1 + random.nextInt(900);
            plain.add(fp);
            sized.add(fp);
        }
        assertArrayEquals(plain.oldestFirst(), sized.oldestFirst());
        for (long fp = 1; fp <= 900; fp++) {
            assertEquals(plain.contains(fp), sized.contains(fp));
        }
    }

    @Test
    @DisplayName("filling the stripes in parallel ends in the same window as adding one by one, evictions included")
    void parallelFillEqualsSequentialAdds() throws java.io.IOException {
        SplittableRandom random = new SplittableRandom(13);
        long[] fps = new long[DedupWindow.STRIPED_FROM * 3];
        for (int i = 0; i < fps.length; i++) {
            // Repeats too: an id added twice is remembered once, at its first place.
            fps[i] = i % 7 == 0 && i > 0 ? fps[random.nextInt(i)] : random.nextLong() | 1;
        }
        DedupWindow oneByOne = new DedupWindow(DedupWindow.STRIPED_FROM * 2);
        for (long fp : fps) {
            oneByOne.add(fp);
        }
        DedupWindow parallel = new DedupWindow(DedupWindow.STRIPED_FROM * 2);
        parallel.addAllInParallel(fps);

        assertArrayEquals(oneByOne.oldestFirst(), parallel.oldestFirst());
        assertEquals(DedupWindow.STRIPES, (int) java.util.Arrays.stream(parallel.oldestFirst())
                .map(fp -> (fp >>> 60) & (DedupWindow.STRIPES - 1)).distinct().count(), "every stripe was filled");
    }
}
