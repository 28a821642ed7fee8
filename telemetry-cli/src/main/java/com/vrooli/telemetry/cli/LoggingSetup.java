package com.vrooli.telemetry.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The command line's logging: {@code java.util.logging} to stderr, one line per record, and the
 * start-up notices of Undertow and XNIO hidden so that {@code telemetry serve} says one thing when
 * it starts. A {@code java.util.logging.config.file} given by the user wins. Records logged while
 * the JVM shuts down still reach stderr (see {@link CliLogManager}).
 */
final class LoggingSetup {

    private static final String CONFIG = String.join("\n",
            "handlers=java.util.logging.ConsoleHandler",
            ".level=INFO",
            "java.util.logging.ConsoleHandler.level=ALL",
            "java.util.logging.SimpleFormatter.format=%1$tF %1$tT %4$s %5$s%6$s%n",
            "io.undertow.level=WARNING",
            "org.xnio.level=WARNING",
            "org.jboss.level=WARNING",
            "");

    private LoggingSetup() {
    }

    /**
     * Configures logging unless the user configured it; call before anything logs, so that
     * {@link CliLogManager} becomes the JVM's log manager.
     */
    static void configure() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", CliLogManager.class.getName());
        }
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
