package com.vrooli.telemetry.client;

import java.util.function.Consumer;

/**
 * The default uncaught-exception handler {@link TelemetryClient#installCrashHandler()} installs:
 * it records {@code crash} and waits (bounded) until it is in the local file, then hands the
 * exception to the handler that was installed before, or prints it as the JVM would.
 */
final class CrashHandler implements Thread.UncaughtExceptionHandler {

    private final Consumer<Throwable> recorder;
    private final Thread.UncaughtExceptionHandler previous;

    CrashHandler(Consumer<Throwable> recorder, Thread.UncaughtExceptionHandler previous) {
        this.recorder = recorder;
        this.previous = previous;
    }

    Thread.UncaughtExceptionHandler previous() {
        return previous;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            recorder.accept(error);
        } finally {
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(System.err);
            }
        }
    }
}
