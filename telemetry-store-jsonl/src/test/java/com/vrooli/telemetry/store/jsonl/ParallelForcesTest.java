package com.vrooli.telemetry.store.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParallelForcesTest {

    @Test
    @DisplayName("the waits of one batch run at the same time, on the caller's thread and the pool's")
    void waitsOverlap() throws Exception {
        int n = 4;
        CyclicBarrier allStarted = new CyclicBarrier(n);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<ParallelForces.Durable> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(() -> {
                threads.add(Thread.currentThread());
                try {
                    // Run one after another, the first would wait here for the others and time out.
                    allStarted.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("the waits did not overlap", e);
                }
            });
        }
        try (ParallelForces forces = new ParallelForces(8)) {
            forces.awaitAll(waits);
        }
        assertEquals(n, threads.size());
        assertTrue(threads.contains(Thread.currentThread()), "the caller takes part");
    }

    @Test
    @DisplayName("every wait runs exactly once and has ended before the call returns; the first failure in order is thrown")
    void failuresInOrder() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        IOException second = new IOException("second failed");
        IOException fourth = new IOException("fourth failed");
        List<ParallelForces.Durable> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            waits.add(() -> {
                runs.incrementAndGet();
                try {
                    if (index == 1) {
                        throw second;
                    }
                    if (index == 3) {
                        throw fourth;
                    }
                } finally {
                    ended.incrementAndGet();
                }
            });
        }
        try (ParallelForces forces = new ParallelForces(2)) {
            ParallelForces.Failure f = assertThrows(ParallelForces.Failure.class, () -> forces.awaitAll(waits));
            assertEquals(1, f.index);
            assertSame(second, f.cause);
        }
        assertEquals(5, runs.get());
        assertEquals(5, ended.get());
    }

    @Test
    @DisplayName("a runtime exception in a wait is a failure of that file, not a hang")
    void runtimeException() {
        List<ParallelForces.Durable> waits = List.of(() -> { }, () -> {
            throw new IllegalStateException("boom");
        });
        try (ParallelForces forces = new ParallelForces(2)) {
            ParallelForces.Failure f = assertThrows(ParallelForces.Failure.class, () -> forces.awaitAll(waits));
            assertEquals(1, f.index);
            assertTrue(f.cause.getMessage().contains("boom"), f.cause.getMessage());
        }
    }

    @Test
    @DisplayName("with the pool closed the caller does every wait itself")
    void closedPool() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        List<ParallelForces.Durable> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waits.add(() -> {
                threads.add(Thread.currentThread());
                runs.incrementAndGet();
            });
        }
        ParallelForces forces = new ParallelForces(4);
        forces.close();
        forces.awaitAll(waits);
        assertEquals(3, runs.get());
        assertEquals(Set.of(Thread.currentThread()), threads);
    }

    @Test
    @DisplayName("an interrupted caller still waits for every force and keeps its interrupt flag")
    void interruptedCaller() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<ParallelForces.Durable> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waits.add(runs::incrementAndGet);
        }
        try (ParallelForces forces = new ParallelForces(2)) {
            Thread.currentThread().interrupt();
            try {
                forces.awaitAll(waits);
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
        assertEquals(3, runs.get());
    }
}
