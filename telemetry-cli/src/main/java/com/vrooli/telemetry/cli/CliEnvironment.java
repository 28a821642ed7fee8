package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.http.TelemetryServer;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the commands take from the process, passed in so that tests can run them in-process:
 * environment variables, output streams, whether stdout is a terminal, the home directory, a
 * clock, how often {@code logs --follow} polls, and how to run code at JVM shutdown.
 */
record CliEnvironment(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal, Path home,
                      Clock clock, Duration followInterval, Consumer<Runnable> onShutdown) {

    /** The port used when neither {@code --port} nor {@code API_PORT} is given. */
    static final int DEFAULT_PORT = TelemetryServer.DEFAULT_PORT;

    CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(followInterval, "followInterval");
        Objects.requireNonNull(onShutdown, "onShutdown");
    }

    /** The real process: UTF-8 stdout and stderr, shutdown hooks on the JVM. */
    static CliEnvironment system() {
        return new CliEnvironment(System.getenv(),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.console() != null, Path.of(System.getProperty("user.home")), Clock.systemUTC(),
                Duration.ofSeconds(1),
                hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "telemetry-shutdown")));
    }

    /** An environment variable, or null when unset or empty. */
    String variable(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** ANSI colour only on a terminal, and never when {@code NO_COLOR} is set (no-color.org). */
    boolean colour() {
        return terminal && variable("NO_COLOR") == null;
    }

    /**
     * The port from {@code API_PORT}, or {@value #DEFAULT_PORT}.
     *
     * @throws CliException (usage) when {@code API_PORT} is not a port number
     */
    int apiPort() {
        String text = variable("API_PORT");
        if (text == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(CliException.USAGE, "API_PORT must be a port number from 0 to 65535, got '"
                + text + "'");
    }

    /** Expands a leading {@code ~} to the home directory. */
    Path expandHome(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }
}
