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
 * fixed period, so partitions exist before the day they hold begins and retention runs without a request. A failed pass (database
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

    static PartitionMaintenance every(Duration period, Runnable pass) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "telemetry-pg-partitions");
            th.setDaemon(true);
            return th;
        });
        long millis = period.toMillis();
        t.scheduleAtFixedRate(() -> run(pass), millis, millis, TimeUnit.MILLISECONDS);
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

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
