package com.vrooli.telemetry.core;

/**
 * The wire names of the standard catalogue as the very {@code String} instances of
 * {@link StandardEvent#wireName()}, found by their text. A decoded event type that names a
 * standard event becomes that instance, so the maps an event passes through on its way into the
 * aggregates (the catalogue's own, the summary's failure counts, the timeline's cells, a
 * deployment's failures) find their key by identity, with its hash already known, instead of
 * comparing the text of a String made for this body with the text of one made for an earlier body.
 * An immutable table, filled once; thread-safe.
 */
final class CatalogueNames {

    private static final int SLOTS = 128;
    private static final String[] TABLE = new String[SLOTS];
    private static final StandardEvent[] EVENTS = new StandardEvent[SLOTS];

    static {
        for (StandardEvent e : StandardEvent.values()) {
            String name = e.wireName();
            int slot = name.hashCode() & (SLOTS - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            TABLE[slot] = name;
            EVENTS[slot] = e;
        }
    }

    private CatalogueNames() {
    }

    /**
     * The catalogue's instance of the ASCII text {@code ascii[offset, offset + length)}, or null when it
     * names no standard event.
     *
     * @param hash the text's {@link String#hashCode()} (what {@link RepeatedStrings} computes anyway)
     */
    static String find(byte[] ascii, int offset, int length, int hash) {
        for (int slot = hash & (SLOTS - 1); TABLE[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            String name = TABLE[slot];
            if (name.hashCode() == hash && RepeatedStrings.sameText(name, ascii, offset, length)) {
                return name;
            }
        }
        return null;
    }

    /**
     * The standard event named {@code name}, or null for a custom type. The catalogue's own
     * instance (what decoders hand on) is found by identity, with its hash already computed; the
     * aggregates ask this for every event they count, so it avoids a map's entry and an
     * {@code Optional} (JFR: {@code isFailure} through the map was 6% of a cold open's CPU).
     */
    static StandardEvent standard(String name) {
        int hash = name.hashCode();
        for (int slot = hash & (SLOTS - 1); TABLE[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            String known = TABLE[slot];
            if (known == name || (known.hashCode() == hash && known.equals(name))) {
                return EVENTS[slot];
            }
        }
        return null;
    }

    /** As {@link #find(byte[], int, int, int)}, for text held as chars. */
    static String find(char[] chars, int offset, int length, int hash) {
        for (int slot = hash & (SLOTS - 1); TABLE[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            String name = TABLE[slot];
            if (name.hashCode() == hash && RepeatedStrings.sameText(name, chars, offset, length)) {
                return name;
            }
        }
        return null;
    }
}
