package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** One String per distinct repeated value, and always the right text. */
class RepeatedStringsTest {

    @Test
    void equalTextGivesTheSameStringAndDifferentTextItsOwn() {
        RepeatedStrings strings = new RepeatedStrings();
        char[] buf = "xpicker-wheelxshared-auth".toCharArray();

        String first = strings.get(buf, 1, 12);
        String again = strings.get("picker-wheel".toCharArray(), 0, 12);
        String other = strings.get(buf, 14, 11);

        assertEquals("picker-wheel", first);
        assertSame(first, again);
        assertEquals("shared-auth", other);
    }

    @Test
    void manyDistinctValuesCollideWithoutEverGivingTheWrongText() {
        RepeatedStrings strings = new RepeatedStrings();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++) {
                String expected = "deploy-" + i;
                assertEquals(expected, strings.get(expected.toCharArray(), 0, expected.length()));
            }
        }
        String longText = "x".repeat(500);
        assertEquals(longText, strings.get(longText.toCharArray(), 0, 500));
    }
}
