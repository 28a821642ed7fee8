package com.vrooli.telemetry.store.jsonl.append;

import com.vrooli.telemetry.store.jsonl.IoReasons;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Group commit for one file: appenders that wait for durability at the same time share one force.
 *
 * <p>Each successful write gets a sequence number. An appender calls {@link #awaitDurable} with
 * its own; if no force is running it becomes the leader: it reads the latest written sequence,
 * forces, and marks everything up to that sequence durable. Appenders arriving while a force runs
 * wait; when it ends, those it covered return, and one of the others leads the next force, which
 * covers every write made meanwhile. A force can also be started on another thread without waiting
 * for it ({@link #startIfIdle}).
 *
 * <p>A failed force, on whichever thread, is never swallowed and never simply retried: after it,
 * the kernel may have dropped the file's dirty pages, so a later force of the same descriptor can
 * succeed without the lost bytes. The commit is then <em>failed</em>: every write not yet durable
 * waits in vain, so {@link #awaitDurable} throws (for the leader, its own error; for every other
 * waiter, an error caused by it), until the owner rewrites the lost bytes and forces them through
 * {@link #exclusive}, which clears the failure when it succeeds. Thread-safe.
 */
public final class GroupCommit {

    /** The force itself. */
    public interface Force {
        void force() throws IOException;
    }

    private final LongSupplier writtenSeq;
    private final Force force;
    private final LongConsumer durable;
    private long durableSeq;
    private boolean forcing;
    /** The error of the force that failed last, until an exclusive action succeeds; else null. */
    private IOException failure;

    /**
     * @param writtenSeq the sequence of the latest completed write
     * @param force      forces the file; called by one thread at a time
     * @param durable    hears each new durable sequence (under this object's lock: must be quick)
     */
    GroupCommit(LongSupplier writtenSeq, Force force, LongConsumer durable) {
        this.writtenSeq = writtenSeq;
        this.force = force;
        this.durable = durable;
    }

    /**
     * Returns once the write with sequence {@code seq} is durable.
     *
     * @throws IOException when the force that would cover it failed, or an earlier one did and the
     *                     lost bytes have not been rewritten since
     */
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
                if (failure != null) {
                    throw new IOException("the file's fsync failed (" + IoReasons.describe(failure)
                            + "); what it held is written again before anything is acknowledged", failure);
                }
                forcing = true;
                target = writtenSeq.getAsLong();
            }
            finish(target, force);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True when the write with sequence {@code seq} is durable. */
    synchronized boolean durable(long seq) {
        return durableSeq >= seq;
    }

    /** True after a failed force, until an {@link #exclusive} action succeeds. */
    synchronized boolean failed() {
        return failure != null;
    }

    /** True when every write made so far is durable and no force failed since. */
    synchronized boolean settled() {
        return failure == null && !forcing && durableSeq >= writtenSeq.getAsLong();
    }

    /**
     * Runs {@code action} in place of a force, once no force is running: when it succeeds, every
     * write made so far counts as durable and a failure is cleared, so the action must make them
     * durable itself (a rotation forces the file before sealing it; a repair rewrites the lost bytes
     * and forces them). When it fails, the commit is failed as by a failed force.
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
            finish(target, action, true);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * When the write with sequence {@code seq} is not durable yet, no force is running and none
     * failed, starts one on {@code executor} and returns at once; otherwise does nothing. The caller
     * still calls {@link #awaitDurable}, which waits for that force and sees its failure. When the
     * executor refuses the task, nothing was started.
     */
    void startIfIdle(long seq, Executor executor) {
        long target;
        synchronized (this) {
            if (durableSeq >= seq || forcing || failure != null) {
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
                    // Recorded by finish: every waiter it covered throws it (see the class comment).
                    return;
                }
            });
        } catch (RejectedExecutionException full) {
            synchronized (this) {
                forcing = false;
                notifyAll();
            }
        }
    }

    private void finish(long target, Force action) throws IOException {
        finish(target, action, false);
    }

    private void finish(long target, Force action, boolean clearsFailure) throws IOException {
        IOException failed = null;
        try {
            action.force();
        } catch (IOException e) {
            failed = e;
            throw e;
        } catch (RuntimeException | Error e) {
            failed = new IOException("fsync failed: " + e, e);
            throw e;
        } finally {
            synchronized (this) {
                forcing = false;
                if (failed != null) {
                    failure = failed;
                } else {
                    if (clearsFailure) {
                        failure = null;
                    }
                    if (failure == null && target > durableSeq) {
                        durableSeq = target;
                        durable.accept(target);
                    }
                }
                notifyAll();
            }
        }
    }
}
