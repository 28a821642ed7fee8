package com.vrooli.telemetry.store.jsonl.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link GroupCommit#startIfIdle}: a force started on another thread, awaited like any other. */
class GroupCommitStartTest {

    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger forces = new AtomicInteger();
    private final List<IOException> failures = new ArrayList<>();
    private final GroupCommit commit = new GroupCommit(written::get, () -> {
        forces.incrementAndGet();
        if (!failures.isEmpty()) {
            throw failures.remove(0);
        }
    }, seq -> { });
    /** Runs tasks when told to, on the test's thread, so every interleaving is chosen by the test. */
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;

    private void runQueued() {
        List<Runnable> tasks = new ArrayList<>(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    @DisplayName("an idle file's force is started on the executor, and waiting for it forces no second time")
    void startedForceIsAwaited() throws IOException {
        written.set(1);
        commit.startIfIdle(1, later);
        assertEquals(1, queued.size());
        written.set(2); // a write after the force started is not covered by it
        runQueued();
        commit.awaitDurable(1);
        assertEquals(1, forces.get());
        commit.awaitDurable(2);
        assertEquals(2, forces.get());
    }

    @Test
    @DisplayName("nothing is started for a write already durable, nor while a force runs")
    void onlyWhenIdle() throws IOException {
        written.set(1);
        commit.awaitDurable(1);
        commit.startIfIdle(1, later);
        assertEquals(0, queued.size());

        written.set(2);
        commit.startIfIdle(2, later);
        commit.startIfIdle(2, later); // the first is still running (queued): no second
        assertEquals(1, queued.size());
        runQueued();
        commit.awaitDurable(2);
        assertEquals(2, forces.get());
    }

    @Test
    @DisplayName("a started force that fails is never swallowed: its waiter gets that error, and nothing is forced"
            + " again until the owner's exclusive repair succeeds")
    void failedStartedForce() throws IOException {
        written.set(1);
        IOException first = new IOException("started force failed");
        failures.add(first);
        commit.startIfIdle(1, later);
        runQueued();

        IOException seen = assertThrows(IOException.class, () -> commit.awaitDurable(1));
        assertSame(first, seen.getCause());
        assertEquals(1, forces.get(), "the waiter did not force the same descriptor again");
        written.set(2);
        commit.startIfIdle(2, later);
        assertEquals(0, queued.size(), "a failed commit starts no plain force");
        assertThrows(IOException.class, () -> commit.awaitDurable(2), "later writes are not acknowledged either");
        assertTrue(commit.failed());

        commit.exclusive(() -> { }); // the owner rewrote and forced what was lost
        assertFalse(commit.failed());
        commit.awaitDurable(2);
        assertEquals(1, forces.get());
    }

    @Test
    @DisplayName("a leader's failed force fails every waiter it covered, each seeing the error")
    void failedLeaderFailsItsWaiters() throws IOException {
        written.set(1);
        IOException failed = new IOException("Input/output error");
        failures.add(failed);
        assertSame(failed, assertThrows(IOException.class, () -> commit.awaitDurable(1)));
        assertSame(failed, assertThrows(IOException.class, () -> commit.awaitDurable(1)).getCause());
        assertEquals(1, forces.get());
    }

    @Test
    @DisplayName("an executor that refuses the task leaves the file idle, and the waiter forces itself")
    void refused() throws IOException {
        written.set(1);
        commit.startIfIdle(1, task -> {
            throw new RejectedExecutionException("full");
        });
        commit.awaitDurable(1);
        assertEquals(1, forces.get());
    }
}
