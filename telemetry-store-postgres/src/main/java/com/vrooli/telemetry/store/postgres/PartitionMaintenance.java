package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link Partitions#maintain()} and {@link ActivityPruning#prune()} on one daemon thread at a
 * fixed period, and {@link ActivityFold#fold()} on the same thread at a short one, so partitions exist before the day they hold begins and retention runs without a request. A failed pass (database
 * down) is logged and tried again at the next period. Thread-safe.
 */
final class PartitionMaintenance implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

    private final ScheduledExecutorService thread;

    private PartitionMaintenance(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    static PartitionMaintenance none() {
        return new PartitionMaintenance(null);
    }

    /** Runs {@code pass} every {@code period} and {@code fold} every {@code foldPeriod}, on one thread. */
    static PartitionMaintenance every(Duration period, Runnable pass, Duration foldPeriod, Runnable fold) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "telemetry-pg-partitions");
            th.setDaemon(true);
            return th;
        });
        long millis = period.toMillis();
        t.scheduleAtFixedRate(() -> run(pass), millis, millis, TimeUnit.MILLISECONDS);
        long foldMillis = foldPeriod.toMillis();
        t.scheduleWithFixedDelay(() -> runFold(fold), foldMillis, foldMillis, TimeUnit.MILLISECONDS);
        return new PartitionMaintenance(t);
    }

    private static void run(Runnable pass) {
        try {
            pass.run();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "partition maintenance failed, retrying next period: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "partition maintenance failed", e);
        }
    }

    /** A failed background fold loses nothing (reads fold first, the next fold retries): not worth a warning a second. */
    private static void runFold(Runnable fold) {
        try {
            fold.run();
        } catch (StoreException e) {
            LOG.log(Level.FINE, "background fold failed, retrying next period: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "background fold failed", e);
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
