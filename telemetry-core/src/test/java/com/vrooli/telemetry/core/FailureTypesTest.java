package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The remembered failure rule answers as the catalogue does, also when two types share a slot. */
class FailureTypesTest {

    @Test
    void answersAsTheCatalogueForStandardAndCustomTypes() {
        FailureTypes types = new FailureTypes();
        for (int round = 0; round < 2; round++) {
            assertTrue(types.isFailure("crash"));
            assertFalse(types.isFailure("app_start"));
            assertTrue(types.isFailure("backup_failed"));
            assertFalse(types.isFailure("health_check"));
        }
    }

    @Test
    void typesThatShareASlotReplaceEachOtherAndAreNeverConfused() {
        String failure = "sync_failed";
        String other = null;
        for (int i = 0; other == null; i++) {
            String candidate = "custom_" + i;
            if ((candidate.hashCode() & 15) == (failure.hashCode() & 15)) {
                other = candidate;
            }
        }
        FailureTypes types = new FailureTypes();
        for (int round = 0; round < 3; round++) {
            assertTrue(types.isFailure(failure));
            assertFalse(types.isFailure(other), other);
        }
        assertEquals(EventCatalogue.isFailure(other), types.isFailure(new String(other.toCharArray())));
    }
}
