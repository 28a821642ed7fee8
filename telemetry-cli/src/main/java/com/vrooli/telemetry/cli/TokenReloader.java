package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.http.ApiTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Reloads a running server's API tokens: on demand ({@link #reload}, which {@code SIGHUP} calls)
 * and whenever the tokens file's content changes (checked every interval on one daemon thread;
 * content, not modification time, so a change within the same second is seen). A reload reads
 * every source again and puts the result in force at once; when it fails (a malformed line, a file
 * others may read, a file without tokens) the old tokens stay and the reason is logged, never a
 * token. Thread-safe.
 */
final class TokenReloader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenReloader.class.getName());

    private final Path file;
    private final Supplier<ApiTokens> load;
    private final Consumer<ApiTokens> apply;
    private ScheduledExecutorService poller;
    private byte[] lastSeen;

    /**
     * @param file  the tokens file to watch; null when tokens come from the environment only
     * @param load  reads every token source again; throws with a plain-words message when it cannot
     * @param apply puts new tokens in force; throws {@link IllegalArgumentException} to refuse them
     */
    TokenReloader(Path file, Supplier<ApiTokens> load, Consumer<ApiTokens> apply) {
        this.file = file;
        this.load = Objects.requireNonNull(load, "load");
        this.apply = Objects.requireNonNull(apply, "apply");
        this.lastSeen = file == null ? null : read(file);
    }

    /**
     * Reads the tokens again and puts them in force.
     *
     * @param cause what asked for it, for the log
     * @return whether the new tokens are in force (false: the old ones stay, and the log says why)
     */
    synchronized boolean reload(String cause) {
        ApiTokens tokens;
        try {
            tokens = load.get();
            apply.accept(tokens);
        } catch (RuntimeException e) {
            LOG.warning("API tokens not reloaded (" + cause + "), keeping the previous ones: " + e.getMessage());
            return false;
        }
        LOG.info("API tokens reloaded (" + cause + "): " + tokens.uploadCount() + " upload, " + tokens.readCount()
                + " read");
        return true;
    }

    /** Starts watching the tokens file, when there is one; {@code interval} zero watches nothing. */
    synchronized TokenReloader watchEvery(Duration interval) {
        if (file == null || interval.isZero() || poller != null) {
            return this;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telemetry-tokens-watch");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        poller.scheduleWithFixedDelay(this::checkFile, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void checkFile() {
        byte[] now = read(file);
        // A file being replaced may be missing for a moment: wait for the new one rather than fail.
        if (now != null && !Arrays.equals(now, lastSeen)) {
            lastSeen = now;
            reload("tokens file changed");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warning("cannot read tokens file " + file + ": " + e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
