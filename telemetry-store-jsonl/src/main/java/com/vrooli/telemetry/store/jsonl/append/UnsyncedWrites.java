package com.vrooli.telemetry.store.jsonl.append;

import com.vrooli.telemetry.store.jsonl.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What makes one scenario file's appends durable under its {@link FsyncPolicy}: the group commit
 * of its forces, and a copy of every write not yet known durable.
 *
 * <p>Why the copy: when an fsync fails, Linux may already have dropped the dirty pages it could not
 * write (and marked them clean), so forcing again can "succeed" without them. The bytes written
 * since the last successful force are therefore treated as lost: nothing waiting for them is
 * acknowledged ({@link GroupCommit} fails its waiters) until {@link #repairIfFailed} has reopened
 * the file, cut it back to its last durable size, written the copies again and forced them. Only
 * the bytes in flight between a write and its force are held, and none are held with
 * {@link FsyncPolicy#NEVER}.
 *
 * <p>Writes are made and repairs run under the owning file's lock; forces and waits do not need
 * it. Thread-safe.
 */
public final class UnsyncedWrites {

    /** One write not yet known durable. */
    private record Pending(long seq, long position, ByteBuffer bytes) {
    }

    private final WriteChannel channel;
    private final FsyncPolicy policy;
    private final GroupCommit commit;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private volatile long writtenSeq;

    public UnsyncedWrites(WriteChannel channel, FsyncPolicy policy) {
        this.channel = channel;
        this.policy = policy;
        this.commit = new GroupCommit(() -> writtenSeq, channel::force, this::durableThrough);
    }

    /**
     * Records a write of {@code bytes} (positioned at its first byte, as it was before writing) at
     * {@code position}; with {@link FsyncPolicy#ALWAYS}, forces it before returning. Call under the
     * file's lock, right after the write succeeded.
     *
     * @return the write's sequence, to wait for with {@link #awaitDurable}
     * @throws IOException when the {@code ALWAYS} force failed (the bytes are then held as lost)
     */
    public long written(long position, ByteBuffer bytes) throws IOException {
        long seq = writtenSeq + 1;
        if (policy != FsyncPolicy.NEVER) {
            synchronized (pending) {
                pending.addLast(new Pending(seq, position, bytes));
            }
        }
        writtenSeq = seq;
        if (policy == FsyncPolicy.ALWAYS) {
            commit.exclusive(channel::force);
        }
        return seq;
    }

    /** True after a failed force, until the lost bytes were written again and forced. */
    public boolean failed() {
        return commit.failed();
    }

    /** True when the write with sequence {@code seq} is durable (always with {@code NEVER}). */
    public boolean durable(long seq) {
        return policy == FsyncPolicy.NEVER || commit.durable(seq);
    }

    /** The sequence of the latest write; a duplicate waits for it, which covers its first copy. */
    public long latestSeq() {
        return writtenSeq;
    }

    /**
     * When a force failed: writes again, at their places, every byte written since the last
     * successful force and forces them, after cutting the file back to its durable size. Call
     * under the file's lock, before anything else is written.
     *
     * @param committedSize where the file's whole lines end now
     * @throws IOException when that failed too: the bytes are still held, and the next call tries again
     */
    public void repairIfFailed(long committedSize) throws IOException {
        if (!commit.failed()) {
            return;
        }
        commit.exclusive(() -> {
            List<Pending> lost;
            synchronized (pending) {
                lost = new ArrayList<>(pending);
            }
            long durableSize = lost.isEmpty() ? committedSize : lost.get(0).position();
            // A new descriptor: the old one's error is spent, and its pages are not to be trusted.
            channel.release();
            channel.truncate(durableSize);
            for (Pending p : lost) {
                channel.writeFully(p.bytes().duplicate(), p.position());
            }
            channel.force();
        });
    }

    /** With {@link FsyncPolicy#BATCH}: starts a force on {@code executor} when none is running. */
    public void startForceIfIdle(long seq, Executor executor) {
        commit.startIfIdle(seq, executor);
    }

    /**
     * With {@link FsyncPolicy#BATCH}: returns once the write with sequence {@code seq} is durable.
     *
     * @throws IOException when a force that would cover it failed and the lost bytes were not yet
     *                     written again (see the class comment)
     */
    public void awaitDurable(long seq) throws IOException {
        commit.awaitDurable(seq);
    }

    /** Runs {@code action} (which must force every write) in place of a force; see {@link GroupCommit#exclusive}. */
    public void exclusive(GroupCommit.Force action) throws IOException {
        commit.exclusive(action);
    }

    /** True when no byte waits for a force: the file's descriptor may be closed without losing anything. */
    public boolean settled() {
        if (policy == FsyncPolicy.NEVER) {
            return true;
        }
        synchronized (pending) {
            if (!pending.isEmpty()) {
                return false;
            }
        }
        return commit.settled();
    }

    private void durableThrough(long seq) {
        synchronized (pending) {
            while (!pending.isEmpty() && pending.peekFirst().seq() <= seq) {
                pending.removeFirst();
            }
        }
    }
}
