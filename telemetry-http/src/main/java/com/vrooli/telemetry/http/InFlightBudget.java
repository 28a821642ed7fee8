package com.vrooli.telemetry.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A global budget of upload bytes being received or processed: a request reserves its bytes
 * before its body is read and releases them when its exchange completes; past the budget the
 * server answers 503 instead of buffering more. Thread-safe.
 */
final class InFlightBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    InFlightBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Reserves {@code bytes} when they fit; false (nothing reserved) when they do not. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    long inFlight() {
        return used.get();
    }
}
