package com.vrooli.telemetry.store.jsonl;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Group commit for one file: appenders that wait for durability at the same time share one force.
 *
 * <p>Each successful write gets a sequence number. An appender calls {@link #awaitDurable} with
 * its own; if no force is running it becomes the leader: it reads the latest written sequence,
 * forces, and marks everything up to that sequence durable. Appenders arriving while a force runs
 * wait; when it ends, those it covered return, and one of the others leads the next force, which
 * covers every write made meanwhile. A failed force fails only its leader; the waiters elect a new
 * leader and try again. A force can also be started on another thread without waiting for it
 * ({@link #startIfIdle}). Thread-safe.
 */
final class GroupCommit {

    /** The force itself. */
    interface Force {
        void force() throws IOException;
    }

    private final LongSupplier writtenSeq;
    private final Force force;
    private long durableSeq;
    private boolean forcing;

    /**
     * @param writtenSeq the sequence of the latest completed write
     * @param force      forces the file; called by one thread at a time
     */
    GroupCommit(LongSupplier writtenSeq, Force force) {
        this.writtenSeq = writtenSeq;
        this.force = force;
    }

    /** Returns once the write with sequence {@code seq} is durable. */
    void awaitDurable(long seq) throws IOException {
        boolean interrupted = false;
        try {
            long target;
            synchronized (this) {
                while (durableSeq < seq && forcing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // A force is short and its outcome is needed: finish, then restore the flag
                        // (an interrupted thread would also close the shared channel while forcing).
                        interrupted = true;
                    }
                }
                if (durableSeq >= seq) {
                    return;
                }
                forcing = true;
                target = writtenSeq.getAsLong();
            }
            lead(target);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code action} in place of a force, once no force is running: when it succeeds, every
     * write made so far counts as durable, so the action must force them itself (a rotation forces
     * the file before sealing it and closing its channel, which no force may be using).
     */
    void exclusive(Force action) throws IOException {
        long target;
        boolean interrupted = false;
        synchronized (this) {
            while (forcing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            forcing = true;
            target = writtenSeq.getAsLong();
        }
        try {
            finish(target, action);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * When the write with sequence {@code seq} is not durable yet and no force is running, starts
     * one on {@code executor} and returns at once; otherwise does nothing. The caller still calls
     * {@link #awaitDurable}, which waits for that force. A force started here that fails fails
     * nobody: {@code awaitDurable} then finds the write not durable and forces again itself, so the
     * error reaches the appender. When the executor refuses the task, nothing was started.
     */
    void startIfIdle(long seq, Executor executor) {
        long target;
        synchronized (this) {
            if (durableSeq >= seq || forcing) {
                return;
            }
            forcing = true;
            target = writtenSeq.getAsLong();
        }
        try {
            executor.execute(() -> {
                try {
                    finish(target, force);
                } catch (IOException | RuntimeException failed) {
                    // Its waiters force again themselves and see the error (see above).
                }
            });
        } catch (RejectedExecutionException full) {
            synchronized (this) {
                forcing = false;
                notifyAll();
            }
        }
    }

    private void lead(long target) throws IOException {
        finish(target, force);
    }

    private void finish(long target, Force action) throws IOException {
        boolean ok = false;
        try {
            action.force();
            ok = true;
        } finally {
            synchronized (this) {
                forcing = false;
                if (ok && target > durableSeq) {
                    durableSeq = target;
                }
                notifyAll();
            }
        }
    }
}
