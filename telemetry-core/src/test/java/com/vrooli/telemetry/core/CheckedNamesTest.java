package com.vrooli.telemetry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of names found valid: a hit returns the kept instance, anything else is decided afresh. */
class CheckedNamesTest {

    private final List<String> checked = new ArrayList<>();

    private CheckedNames table(int slots) {
        return new CheckedNames(slots, name -> {
            checked.add(name);
            return name.contains(" ") ? "no spaces" : null;
        });
    }

    private static String get(CheckedNames names, String text) {
        // The name in the middle of a larger buffer, as in a line.
        byte[] line = ("{\"x\":\"" + text + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        return names.get(line, 6, text.length());
    }

    @Test
    void aNameSeenAgainIsTheSameInstanceAndIsNotCheckedAgain() {
        CheckedNames names = table(64);
        String first = get(names, "deploy-1");
        assertEquals("deploy-1", first);
        assertSame(first, get(names, "deploy-1"));
        assertEquals(List.of("deploy-1"), checked);
    }

    @Test
    void namesThatShareTheSlotOrAPrefixAreNeverConfused() {
        CheckedNames one = table(1);
        assertEquals("deploy-1", get(one, "deploy-1"));
        assertEquals("deploy-10", get(one, "deploy-10"));
        assertEquals("deploy-1", get(one, "deploy-1"));
        assertEquals("deploy-", get(one, "deploy-"));
        assertEquals("deplox-1", get(one, "deplox-1"));
        assertEquals(5, checked.size(), "each miss is checked: " + checked);
    }

    @Test
    void anInvalidNameIsNullAndDoesNotTakeTheSlot() {
        CheckedNames one = table(1);
        String kept = get(one, "deploy-1");
        assertNull(get(one, "bad name"));
        assertSame(kept, get(one, "deploy-1"), "the valid name is still the one kept");
        assertNull(get(one, "bad name"), "an invalid name is checked every time");
        assertEquals(List.of("deploy-1", "bad name", "bad name"), checked);
    }

    @Test
    void theKeptNameMatchesOnlyTheWholeString() {
        CheckedNames one = table(1);
        byte[] line = "\"app\",\"apple\",\"ap\",\"app".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(one.sameAsKept(line, 1, line.length), "nothing kept yet");
        String kept = one.get(line, 1, 3);
        assertSame(kept, one.sameAsKept(line, 1, line.length));
        assertNull(one.sameAsKept(line, 7, line.length), "a longer name that starts with it");
        assertNull(one.sameAsKept(line, 15, line.length), "a shorter one");
        assertNull(one.sameAsKept(line, 20, line.length), "the name at the very end, with no closing quote");
    }

    @Test
    void aStandardEventTypeIsTheCataloguesOwnInstance() {
        CheckedNames events = new CheckedNames(64, EventRules::eventProblem);
        assertSame(StandardEvent.CRASH.wireName(), get(events, "crash"));
        assertSame(StandardEvent.APP_START.wireName(), get(events, "app_start"));
    }

    @Test
    void theHashGivenByTheLineScanIsTheStringHash() {
        byte[] b = "scenario-42".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("scenario-42".hashCode(), CheckedNames.hash(b, 0, b.length));
        assertThrows(IllegalArgumentException.class, () -> new CheckedNames(3, n -> null));
    }
}
