package com.vrooli.telemetry.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings that cannot flood the app's log: at most one per kind per interval, each saying how
 * many similar ones were held back. Messages never contain the auth token. Thread-safe.
 */
final class RateLimitedLogger {

    /** What went wrong; each kind has its own budget. */
    enum Kind { INVALID_EVENT, QUEUE_FULL, SPOOL, SPOOL_FULL, UPLOAD_FAILED, SERVER_REJECTED, INTERNAL }

    static final Logger LOGGER = Logger.getLogger("com.vrooli.telemetry.client");

    private final long intervalNanos;
    private final Map<Kind, Budget> budgets = new EnumMap<>(Kind.class);

    RateLimitedLogger(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        for (Kind k : Kind.values()) {
            budgets.put(k, new Budget());
        }
    }

    /** Logs {@code message} at WARNING unless this kind was logged within the interval. */
    void warn(Kind kind, String message) {
        log(kind, Level.WARNING, message, null);
    }

    void warn(Kind kind, String message, Throwable cause) {
        log(kind, Level.WARNING, message, cause);
    }

    private void log(Kind kind, Level level, String message, Throwable cause) {
        if (!LOGGER.isLoggable(level)) {
            return;
        }
        Budget b = budgets.get(kind);
        long now = System.nanoTime();
        long next = b.nextAllowed.get();
        if (now - next < 0 || !b.nextAllowed.compareAndSet(next, now + intervalNanos)) {
            b.suppressed.incrementAndGet();
            return;
        }
        long held = b.suppressed.getAndSet(0);
        String text = held == 0 ? message : message + " (" + held + " similar warnings held back)";
        LOGGER.log(level, text, cause);
    }

    private static final class Budget {
        final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
        final AtomicLong suppressed = new AtomicLong();
    }
}
