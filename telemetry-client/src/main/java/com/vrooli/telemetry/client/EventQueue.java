package com.vrooli.telemetry.client;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the app's threads and the background thread: events stamped with
 * their time and id (and their details taken out of the caller's hands), flush markers, wake-ups.
 * A full queue drops the event and counts it ({@link DropReason#QUEUE_FULL}); only the crash
 * handler waits for room. Thread-safe.
 */
final class EventQueue {

    /** Put in the queue to wake the background thread (an upload answer, close). */
    static final Object WAKE = new Object();

    private final BlockingQueue<Object> queue;
    private final ClientCounters counters;
    private final RateLimitedLogger log;
    private final Clock clock;
    private final UuidV7 ids = new UuidV7();
    private final String fullWarning;

    EventQueue(int capacity, ClientCounters counters, RateLimitedLogger log, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.counters = counters;
        this.log = log;
        this.clock = clock;
        this.fullWarning = "the telemetry queue is full (" + capacity + " events): events are dropped; see stats()";
    }

    /** The queue the background thread takes from. */
    BlockingQueue<Object> queue() {
        return queue;
    }

    /**
     * Queues an event whose name is valid, or counts it as dropped when the queue is full.
     *
     * @throws IllegalArgumentException when its details cannot be encoded
     */
    void offer(String event, Map<String, ?> details) {
        if (queue.offer(stamp(event, details))) {
            counters.queued.increment();
        } else {
            counters.dropped(DropReason.QUEUE_FULL, 1);
            log.warn(RateLimitedLogger.Kind.QUEUE_FULL, fullWarning);
        }
    }

    /**
     * Queues an event, waiting up to {@code timeoutNanos} for room, then waits (within the same
     * time) until it is in the file: what the crash handler needs before the JVM goes down.
     */
    void offerAndAwaitFile(String event, Map<String, ?> details, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!queue.offer(stamp(event, details), timeoutNanos, TimeUnit.NANOSECONDS)) {
            counters.dropped(DropReason.QUEUE_FULL, 1);
            return;
        }
        counters.queued.increment();
        FlushMarker written = new FlushMarker(true);
        if (queue.offer(written, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            written.await(deadline - System.nanoTime());
        }
    }

    /** Queues {@code marker}, waiting up to {@code timeoutNanos} for room. */
    boolean offerMarker(FlushMarker marker, long timeoutNanos) throws InterruptedException {
        return queue.offer(marker, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Wakes the background thread (when the queue is full it is awake anyway). */
    void wake() {
        queue.offer(WAKE);
    }

    /** After the background thread ended: what it left is counted as dropped, markers fail. */
    void dropLeftovers() {
        Object left;
        while ((left = queue.poll()) != null) {
            if (left instanceof PendingEvent) {
                counters.queued.decrement();
                counters.dropped(DropReason.CLOSED, 1);
            } else if (left instanceof FlushMarker marker) {
                marker.complete(false);
            }
        }
    }

    private PendingEvent stamp(String event, Map<String, ?> details) {
        Object frozen = DetailsSnapshot.of(details);
        Instant now = clock.instant();
        return new PendingEvent(now, event, frozen, ids.nextHigh(now.toEpochMilli()), ids.nextLow());
    }
}
