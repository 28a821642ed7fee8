package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code telemetry serve --port 0} in a child JVM started from the test class path: the real
 * launcher, the real JSONL store, a real process that can be killed. Its output goes to a log file of
 * its own, which is also where its address is read from.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) with events in ");

    private final Process process;
    private final Path log;
    private final URI base;

    private ChildServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts a server on {@code dir} with a heap of {@code heap} (such as {@code 128m}) and extra
     * {@code serve} arguments, and waits until it says where it listens.
     */
    static ChildServer start(Path dir, Path log, String heap, String... serveArgs) {
        // SIGHUP at its default whatever this JVM inherited: a JVM started with it ignored (under
        // nohup) never gets a handler for it, and SighupReloadTest signals the child.
        return start(List.of("env", "--default-signal=HUP"), dir, log, heap, serveArgs);
    }

    /** Like {@link #start(Path, Path, String, String...)}, with SIGHUP ignored in the child, as {@code nohup} does. */
    static ChildServer startWithHangupIgnored(Path dir, Path log, String heap, String... serveArgs) {
        return start(List.of("/bin/sh", "-c", "trap '' HUP && exec \"$@\"", "sh"), dir, log, heap, serveArgs);
    }

    /**
     * Like {@link #start(Path, Path, String, String...)}, with the open-file limit of the child
     * set to {@code maxOpenFiles} first ({@code ulimit -n} in a shell that then becomes the JVM).
     */
    static ChildServer startWithOpenFileLimit(int maxOpenFiles, Path dir, Path log, String heap, String... serveArgs) {
        return start(List.of("/bin/sh", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$@\"", "sh"), dir, log, heap,
                serveArgs);
    }

    private static ChildServer start(List<String> prefix, Path dir, Path log, String heap, String... serveArgs) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(java.toString(), "-Xmx" + heap, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath, TelemetryCli.class.getName(),
                "serve", "--port", "0", "--dir", dir.toString()));
        command.addAll(List.of(serveArgs));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI[] found = new URI[1];
        try {
            Await.until("the child server's start line in " + log, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the child server exited with " + p.exitValue() + ": " + read(log));
                }
                Matcher m = LISTENING.matcher(read(log));
                if (m.find()) {
                    found[0] = URI.create(m.group(1));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        return new ChildServer(p, log, found[0]);
    }

    /**
     * Starts a server on {@code dir} and kills it with SIGKILL {@code millis} after the start, whatever
     * it is doing then (starting the JVM, replaying the journal, loading the scenarios, serving).
     */
    static void startAndKillAfter(Path dir, Path log, String heap, long millis) throws InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p;
        try {
            p = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classpath, TelemetryCli.class.getName(), "serve", "--port", "0", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The moment of the kill: waits for the process to exit (it should not) or the time to pass.
        p.waitFor(millis, TimeUnit.MILLISECONDS);
        p.destroyForcibly();
        if (!p.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the child server did not die");
        }
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    URI base() {
        return base;
    }

    /** The child's process id, to signal it (the JVM's, also when a shell started it with exec). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return read(log);
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the child server did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
