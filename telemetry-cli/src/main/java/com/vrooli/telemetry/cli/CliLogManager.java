package com.vrooli.telemetry.cli;

import java.util.logging.LogManager;

/**
 * The command line's {@link LogManager}: the same as the JDK's, except that it keeps its handlers
 * once the JVM shuts down. The JDK's own shutdown hook resets logging, and shutdown hooks run in
 * no set order, so without this the lines {@code serve} logs while it stops gracefully on SIGTERM
 * (in-flight requests, "telemetry server stopped") would be lost at random.
 *
 * <p>Installed by {@link LoggingSetup} through the {@code java.util.logging.manager} property; the
 * JDK instantiates it by name, hence public.
 */
public final class CliLogManager extends LogManager {

    @Override
    public void reset() {
        if (!jvmShuttingDown()) {
            super.reset();
        }
    }

    /** True once shutdown has begun: the JVM refuses new shutdown hooks from then on. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { }, "telemetry-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
