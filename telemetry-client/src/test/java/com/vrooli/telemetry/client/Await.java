package com.vrooli.telemetry.client;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline, instead of sleeping a guessed time. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        untilState(what, timeout, condition, () -> "");
    }

    /** Like {@link #until}, adding {@code state} to the failure message. */
    static void untilState(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what + " " + state.get());
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 20_000_000L);
        }
    }
}
