package com.vrooli.telemetry.store.postgres;

import com.vrooli.telemetry.core.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's background work, on two daemon threads: the maintenance pass ({@link
 * Partitions#maintain()}, then {@link ActivityPruning#prune()}) at a long period, so partitions
 * exist before the day they hold begins and retention runs without a request; and
 * {@link ActivityFold#fold()} at a short one, so pending activity rows stay few. Apart, so that a
 * fold waiting on another node's cannot hold back partition creation. A failed run (database
 * down) is tried again at the next period. Thread-safe.
 */
final class Maintenance implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
    /** Background folds failing in a row before a warning (about half a minute at the default period). */
    static final int FOLD_FAILURES_BEFORE_WARNING = 30;

    private final ScheduledExecutorService pass;
    private final ScheduledExecutorService fold;
    private int foldFailures;

    private Maintenance(ScheduledExecutorService pass, ScheduledExecutorService fold) {
        this.pass = pass;
        this.fold = fold;
    }

    static Maintenance none() {
        return new Maintenance(null, null);
    }

    /** Runs {@code pass} every {@code period} and {@code fold} every {@code foldPeriod}, each on a thread of its own. */
    static Maintenance every(Duration period, Runnable pass, Duration foldPeriod, Runnable fold) {
        Maintenance m = new Maintenance(thread("telemetry-pg-maintenance"), thread("telemetry-pg-fold"));
        long millis = period.toMillis();
        m.pass.scheduleAtFixedRate(() -> runPass(pass), millis, millis, TimeUnit.MILLISECONDS);
        long foldMillis = foldPeriod.toMillis();
        m.fold.scheduleWithFixedDelay(() -> m.runFold(fold), foldMillis, foldMillis, TimeUnit.MILLISECONDS);
        return m;
    }

    private static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static void runPass(Runnable pass) {
        try {
            pass.run();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "partition maintenance failed, retrying next period: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "partition maintenance failed", e);
        }
    }

    /**
     * A failed background fold loses nothing (reads fold first, the next fold retries), so one
     * failure is not worth a warning a second; folds failing for half a minute are (pending rows
     * pile up, and reads then fold them).
     */
    private void runFold(Runnable work) {
        try {
            work.run();
            if (foldFailures >= FOLD_FAILURES_BEFORE_WARNING) {
                LOG.info("background fold works again after " + foldFailures + " failures");
            }
            foldFailures = 0;
        } catch (RuntimeException e) {
            foldFailures++;
            Level level = foldFailures % (10 * FOLD_FAILURES_BEFORE_WARNING) == FOLD_FAILURES_BEFORE_WARNING
                    ? Level.WARNING : Level.FINE;
            if (e instanceof StoreException) {
                LOG.log(level, "background fold failed " + foldFailures + " times in a row, retrying next period: "
                        + e.getMessage());
            } else {
                LOG.log(Level.SEVERE, "background fold failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (pass != null) {
            pass.shutdownNow();
            fold.shutdownNow();
        }
    }
}
