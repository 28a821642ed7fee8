package com.vrooli.telemetry.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code flush} calls waiting for the server: each waits until the acknowledged position
 * passes the end of the file as it was when its marker was reached. A client that does not own
 * the file reads the owner's position file, at most every 50 ms. Used by the background thread.
 */
final class FlushWaiters {

    /** How often a client that does not own the file reads the owner's position. */
    static final long SHARED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<Waiter> waiters = new ArrayList<>();
    private long nextSharedPoll;

    private record Waiter(FlushMarker marker, long target) {
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    /** {@code marker} completes once the acknowledged absolute offset reaches {@code target}. */
    void add(FlushMarker marker, long target) {
        waiters.add(new Waiter(marker, target));
    }

    /** Completes the waiters the acknowledged position has passed; {@code force} skips the poll interval. */
    void complete(Spool spool, long now, boolean force) {
        if (waiters.isEmpty() || (!spool.isOwner() && !force && now - nextSharedPoll < 0)) {
            return;
        }
        nextSharedPoll = now + SHARED_POLL_NANOS;
        long acked = spool.sharedAckedAbsolute();
        waiters.removeIf(w -> {
            if (acked >= w.target) {
                w.marker.complete(true);
                return true;
            }
            return false;
        });
    }

    /** Completes every waiter as not done (the client stopped). */
    void failAll() {
        waiters.forEach(w -> w.marker.complete(false));
        waiters.clear();
    }
}
