package com.vrooli.telemetry.core;

/**
 * The byte budget of one events page ({@link StoreLimits#maxPageBytes()}), for stores to apply
 * while they collect a page: the first event always fits, later ones only while the page's
 * stored-line bytes stay within the budget. Not thread-safe: one per query.
 */
public final class PageBudget {

    private final long maxBytes;
    private long used;
    private int events;

    /** A budget of {@code maxBytes} stored-line bytes. */
    public PageBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes an event of {@code lineBytes} stored-line bytes into the page when it fits.
     *
     * @return false when the page must end before this event (it then holds at least one)
     */
    public boolean take(long lineBytes) {
        if (events > 0 && used + lineBytes > maxBytes) {
            return false;
        }
        used += lineBytes;
        events++;
        return true;
    }

    /** The bytes taken so far. */
    public long used() {
        return used;
    }
}
