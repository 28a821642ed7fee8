package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

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
}
