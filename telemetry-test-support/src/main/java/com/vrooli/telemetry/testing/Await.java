package com.vrooli.telemetry.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that other threads make true, with a generous deadline for a loaded
 * machine, instead of sleeping a guessed time. Between checks it parks, from 1 ms doubling up to
 * 20 ms, so that waiting costs a test machine's other work next to nothing.
 */
public final class Await {

    /** The deadline unless a test names its own. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final long FIRST_PAUSE_NANOS = 1_000_000L;
    private static final long LONGEST_PAUSE_NANOS = 20_000_000L;

    private Await() {
    }

    /** Returns once {@code condition} holds; an {@link AssertionError} after {@link #DEADLINE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEADLINE, condition, () -> "");
    }

    /** As {@link #until(String, BooleanSupplier)}, saying what {@code state} shows when it times out. */
    public static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        until(what, DEADLINE, condition, state);
    }

    /** As {@link #until(String, BooleanSupplier)} with a deadline of {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /** Returns once {@code condition} holds; after {@code timeout}, an {@link AssertionError} with {@code state}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; "
                        + state.get());
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }
}
