package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    private final UuidV7 ids = new UuidV7();

    @Test
    void idsCarryVersion7TheRfcVariantAndTheMillisecondTimestamp() {
        long millis = 1_736_942_400_123L;
        UUID id = UUID.fromString(ids.next(millis));

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        String earlier = ids.next(1_000_000L);
        String later = ids.next(1_000_001L);

        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }

    @Test
    void manyIdsInTheSameMillisecondAreAllDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            seen.add(ids.next(42L));
        }
        assertEquals(50_000, seen.size());
    }

    @Test
    void textIsTheCanonical36CharacterForm() {
        String text = UuidV7.format(UuidV7.high(1L, 0xABC), UuidV7.low(-1L));
        assertEquals("00000000-0001-7abc-bfff-ffffffffffff", text);
    }
}
