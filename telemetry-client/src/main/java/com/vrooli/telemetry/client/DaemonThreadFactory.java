package com.vrooli.telemetry.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code prefix-N}, so the client never keeps the JVM alive; remembers them
 * so that close can wait until they have really ended. Thread-safe.
 */
final class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);
    private final List<Thread> started = new ArrayList<>();

    DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
        t.setDaemon(true);
        synchronized (started) {
            started.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            started.add(t);
        }
        return t;
    }

    /** Waits until {@code t} has ended or the deadline passes. */
    static void join(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
    }

    /** Waits until every thread made so far has ended, or the deadline passes. */
    void joinAll(long deadlineNanos) throws InterruptedException {
        List<Thread> threads;
        synchronized (started) {
            threads = new ArrayList<>(started);
        }
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
    }
}
