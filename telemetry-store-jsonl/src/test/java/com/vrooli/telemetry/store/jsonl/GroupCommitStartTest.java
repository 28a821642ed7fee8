package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    });
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
    @DisplayName("a started force that fails fails nobody: the waiter forces again and sees its own outcome")
    void failedStartedForce() throws IOException {
        written.set(1);
        failures.add(new IOException("first force failed"));
        commit.startIfIdle(1, later);
        runQueued();
        commit.awaitDurable(1); // forces again, which succeeds
        assertEquals(2, forces.get());

        written.set(2);
        IOException second = new IOException("second force failed");
        failures.add(new IOException("started force failed"));
        failures.add(second);
        commit.startIfIdle(2, later);
        runQueued();
        assertSame(second, assertThrows(IOException.class, () -> commit.awaitDurable(2)));
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
