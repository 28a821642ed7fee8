package com.vrooli.telemetry.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Put in the queue behind the events it covers: the queue is FIFO, so when the background thread
 * reaches the marker every event recorded before it has been taken. Completed once those events
 * are in the file ({@code toFileOnly}) or acknowledged by the server. Thread-safe.
 */
final class FlushMarker {

    private final boolean toFileOnly;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean result;

    FlushMarker(boolean toFileOnly) {
        this.toFileOnly = toFileOnly;
    }

    boolean toFileOnly() {
        return toFileOnly;
    }

    void complete(boolean ok) {
        if (done.getCount() > 0) {
            result = ok;
            done.countDown();
        }
    }

    /** Waits up to {@code timeoutNanos}; false when not completed in time or completed false. */
    boolean await(long timeoutNanos) throws InterruptedException {
        return done.await(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS) && result;
    }

    boolean await(Duration timeout) throws InterruptedException {
        return await(timeout.toNanos());
    }
}
