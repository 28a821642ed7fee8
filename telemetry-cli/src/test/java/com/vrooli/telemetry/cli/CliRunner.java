package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.ServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/** Runs the command line in-process with a given environment and captures what it prints. */
final class CliRunner {

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private StoreOpener stores = new InMemoryStores();
    private boolean terminal;
    private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();
    private final StringWriter out = new SynchronizedStringWriter();
    private final StringWriter err = new SynchronizedStringWriter();

    CliRunner(Path home) {
        this.home = home;
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRunner terminal(boolean isTerminal) {
        this.terminal = isTerminal;
        return this;
    }

    CliRunner stores(StoreOpener opener) {
        this.stores = opener;
        return this;
    }

    /** Runs one command; what it printed is in {@link Result}. */
    Result run(String... args) {
        int code = TelemetryCli.run(args, environment(), stores);
        return new Result(code, out(), err());
    }

    CliEnvironment environment() {
        return new CliEnvironment(env, new PrintWriter(out, true), new PrintWriter(err, true), terminal, home,
                Clock.fixed(ServerExtension.NOW, ZoneOffset.UTC), Duration.ofMillis(20), shutdownHooks::add);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    List<Runnable> shutdownHooks() {
        return shutdownHooks;
    }

    /** What a command did. */
    record Result(int code, String out, String err) {
    }

    /** A StringWriter that another thread may read while the command writes. */
    private static final class SynchronizedStringWriter extends StringWriter {
        @Override
        public synchronized void write(String str, int off, int len) {
            super.write(str, off, len);
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            super.write(cbuf, off, len);
        }

        @Override
        public synchronized void write(int c) {
            super.write(c);
        }

        @Override
        public synchronized String toString() {
            return super.toString();
        }
    }

    /** Opens in-memory stores, for commands whose test is not about files. */
    static final class InMemoryStores implements StoreOpener {
        @Override
        public TelemetryStore openForServing(Path dir, String fsync, LongConsumer fsyncListener) {
            return InMemoryTelemetryStore.create();
        }

        @Override
        public TelemetryStore openReadOnly(Path dir) {
            return InMemoryTelemetryStore.create();
        }
    }
}
