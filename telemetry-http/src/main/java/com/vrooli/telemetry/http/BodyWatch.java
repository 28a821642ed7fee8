package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.XnioExecutor;

/**
 * Enforces one body's {@link BodyTimeouts} with timers on the connection's IO thread, the thread
 * that also delivers the body's bytes, so no lock is needed: it wakes up at the grace, then at
 * most every {@value #MAX_TICK_MILLIS} ms (sooner for short timeouts), and hands the 408 to
 * {@code onExpiry} when the body is too late or too slow. Confined to the exchange's IO thread,
 * except {@link #stop()}, which may be called from anywhere once the body is complete.
 */
final class BodyWatch implements Runnable {

    private static final long MAX_TICK_MILLIS = 1000;
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Why a body was cut off: too late overall, or too slow on average. */
    enum Expiry { DEADLINE, TOO_SLOW }

    private final HttpServerExchange exchange;
    private final BodyTimeouts timeouts;
    private final Consumer<Expiry> onExpiry;
    private final long start = System.nanoTime();
    private final long tick;
    private long bytes;
    private volatile boolean stopped;
    private XnioExecutor.Key key;

    BodyWatch(HttpServerExchange exchange, BodyTimeouts timeouts, Consumer<Expiry> onExpiry) {
        this.exchange = exchange;
        this.timeouts = timeouts;
        this.onExpiry = onExpiry;
        long quarterGrace = timeouts.grace().toNanos() / 4;
        this.tick = Math.max(MIN_TICK_NANOS, Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS), quarterGrace));
    }

    /** Schedules the first check. */
    void start() {
        schedule(0);
    }

    /** Counts bytes that arrived. */
    void add(long n) {
        bytes += n;
    }

    /** Bytes that arrived so far. */
    long bytes() {
        return bytes;
    }

    /** The body is complete or failed: no more checks. */
    void stop() {
        stopped = true;
        XnioExecutor.Key k = key;
        if (k != null) {
            k.remove();
        }
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed >= timeouts.total().toNanos()) {
            stopped = true;
            onExpiry.accept(Expiry.DEADLINE);
        } else if (tooSlow(elapsed)) {
            stopped = true;
            onExpiry.accept(Expiry.TOO_SLOW);
        } else {
            schedule(elapsed);
        }
    }

    private boolean tooSlow(long elapsed) {
        long min = timeouts.minBytesPerSecond();
        // bytes / seconds < min, without dividing: bytes * 1e9 < min * nanos (both far from overflow).
        return min > 0 && elapsed >= timeouts.grace().toNanos() && (double) bytes * 1e9 < (double) min * elapsed;
    }

    private void schedule(long elapsed) {
        long untilDeadline = timeouts.total().toNanos() - elapsed;
        long untilGrace = timeouts.grace().toNanos() - elapsed;
        long next = timeouts.minBytesPerSecond() == 0 ? untilDeadline
                : Math.min(untilDeadline, untilGrace > 0 ? untilGrace : tick);
        key = exchange.getIoThread().executeAfter(this, Math.max(next, 1), TimeUnit.NANOSECONDS);
    }
}
