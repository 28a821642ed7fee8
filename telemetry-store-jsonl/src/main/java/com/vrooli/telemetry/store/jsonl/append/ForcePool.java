package com.vrooli.telemetry.store.jsonl.append;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads that start forces for a batch's other scenario files while the appending
 * thread forces its first one, so that a batch spanning five scenarios waits about one force
 * rather than five in a row (see {@link GroupCommit#startIfIdle}). Only an idle file gets a
 * thread: under load each file's group commit is nearly always forcing already and nothing is
 * handed over. A task that finds the pool full or closed is simply not run; the appender then
 * forces that file itself. Thread-safe.
 */
public final class ForcePool implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;

    public ForcePool(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                r -> {
                    Thread t = new Thread(r, "telemetry-fsync-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws RejectedExecutionException when the pool is full or closed */
    @Override
    public void execute(Runnable force) {
        pool.execute(force);
    }

    /** Lets forces already started or queued end; starts no more. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
