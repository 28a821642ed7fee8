package com.vrooli.telemetry.store.jsonl;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits until the writes of one batch are durable in every scenario file it touched, forcing the
 * files at the same time rather than one after another: a batch that spans five scenarios then
 * waits about one force, not five. The caller's thread forces too: it takes each file that no
 * pool thread has started yet, in order, so with every pool thread busy (or the pool full) it does
 * them all itself, as a plain loop would. Forces still go through each file's {@link GroupCommit},
 * so concurrent batches share them as before. Thread-safe.
 */
final class ParallelForces implements AutoCloseable {

    /** Waits for one file's write to be durable. */
    interface Durable {
        void await() throws IOException;
    }

    /** A file whose force failed, and how. */
    static final class Failure extends Exception {
        final int index;
        final IOException cause;

        Failure(int index, IOException cause) {
            super(cause);
            this.index = index;
            this.cause = cause;
        }
    }

    private static final int QUEUE = 1024;

    private final ThreadPoolExecutor pool;

    ParallelForces(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "telemetry-fsync-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Returns once every wait has returned; then, when any failed, throws the failure of the first
     * in list order.
     */
    void awaitAll(List<Durable> waits) throws Failure {
        int n = waits.size();
        Task[] tasks = new Task[n];
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            tasks[i] = new Task(waits.get(i), done);
        }
        for (int i = 1; i < n; i++) {
            try {
                pool.execute(tasks[i]);
            } catch (RejectedExecutionException full) {
                break; // the caller takes the rest
            }
        }
        for (Task task : tasks) {
            task.run();
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // The forces are running and their outcome is needed: finish, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < n; i++) {
            if (tasks[i].failure != null) {
                throw new Failure(i, tasks[i].failure);
            }
        }
    }

    /** Stops the pool's threads once their current forces end. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** One wait, run by whichever thread claims it first. */
    private static final class Task implements Runnable {
        private final Durable wait;
        private final CountDownLatch done;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile IOException failure;

        Task(Durable wait, CountDownLatch done) {
            this.wait = wait;
            this.done = done;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                wait.await();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = new IOException("force failed: " + e, e);
            } finally {
                done.countDown();
            }
        }
    }
}
