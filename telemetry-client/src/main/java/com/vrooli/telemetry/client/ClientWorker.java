package com.vrooli.telemetry.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;

/**
 * The client's one background thread, after OpenTelemetry's {@code BatchSpanProcessor} worker:
 * it takes what the app recorded from the bounded queue, appends it to the local file in whole
 * lines, and, as the file's owner, uploads what is not acknowledged. It waits on the queue, never
 * spins: it wakes for new events, for an upload answer, or when an upload or a check is due.
 * Unexpected failures are logged and the loop goes on; fatal errors are rethrown.
 */
final class ClientWorker implements Runnable {

    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int DRAIN_STEP = 256;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final BlockingQueue<Object> queue;
    private final Spool spool;
    private final SpoolAppender appender;
    private final SpoolForcer forcer;
    private final UploadController uploads;
    private final RateLimitedLogger log;
    private final long refreshNanos;
    private final long ownerRetryNanos;
    private final long requestTimeoutNanos;
    private final int maxDrain;
    private final List<Object> drained = new ArrayList<>(DRAIN_STEP);
    private final FlushWaiters waiters = new FlushWaiters();

    private long nextOwnerAttempt;
    private long nextRefresh;
    private long pauseUntil;
    private boolean paused;
    private volatile boolean closing;
    private volatile long closeDeadline;
    private volatile long pendingInFile;

    /** {@code forcer} and {@code uploads} may be null: writes not forced, no upload address. */
    ClientWorker(ClientConfig config, BlockingQueue<Object> queue, Spool spool, EventEncoder encoder,
                 SpoolForcer forcer, UploadController uploads, ClientCounters counters, RateLimitedLogger log) {
        this.queue = queue;
        this.spool = spool;
        this.forcer = forcer;
        this.uploads = uploads;
        this.log = log;
        this.appender = new SpoolAppender(config, spool, encoder, counters, log, forcer, uploads);
        this.refreshNanos = config.uploadInterval().toNanos();
        this.ownerRetryNanos = config.ownerRetryInterval().toNanos();
        this.requestTimeoutNanos = config.requestTimeout().toNanos();
        this.maxDrain = Math.max(DRAIN_STEP, config.queueCapacity());
    }

    /** Asks the thread to write what is queued, try a last upload until {@code deadline}, and end. */
    void requestClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closing = true;
    }

    /** Unacknowledged events in the file, as this owner counts them. */
    long pendingInFile() {
        return pendingInFile;
    }

    /** Events taken from the queue so far. */
    long taken() {
        return appender.taken();
    }

    @Override
    public void run() {
        try {
            try {
                becomeOwnerIfPossible(System.nanoTime());
                while (!closing) {
                    step();
                }
            } catch (InterruptedException e) {
                // close() stopped waiting for us: write what is queued, skip the upload.
                closeDeadline = System.nanoTime();
            }
            finish();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            RateLimitedLogger.LOGGER.log(Level.SEVERE, "the telemetry client's background thread failed", t);
        } finally {
            waiters.failAll();
            if (forcer != null) {
                forcer.stop();
            }
            try {
                spool.close();
            } catch (IOException e) {
                RateLimitedLogger.LOGGER.log(Level.FINE, "cannot close the telemetry lock file", e);
            }
        }
    }

    private void step() throws InterruptedException {
        Object first = queue.poll(waitNanos(System.nanoTime()), TimeUnit.NANOSECONDS);
        boolean gather = false;
        try {
            if (first != null) {
                take(first);
                gather = first instanceof PendingEvent && drainQueue() < maxDrain;
            }
            writeChunk();
            long now = System.nanoTime();
            if (!paused || now - pauseUntil >= 0) {
                paused = false;
                housekeeping(now);
            }
        } catch (IOException e) {
            pause("the local telemetry file " + spool.path() + " cannot be used now: " + e, e);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            pause("telemetry background step failed: " + t, t);
        }
        if (gather && !closing) {
            // Events gather for the next write instead of a write (and a wake-up) per handful: at
            // 100,000 events/s some 200 a write; the default queue holds 40 times this pause.
            LockSupport.parkNanos(GATHER_NANOS);
        }
    }

    private void pause(String message, Throwable cause) {
        log.warn(RateLimitedLogger.Kind.INTERNAL, message, cause);
        paused = true;
        pauseUntil = System.nanoTime() + Math.max(refreshNanos, TimeUnit.MILLISECONDS.toNanos(100));
    }

    private long waitNanos(long now) {
        long wait = MAX_WAIT_NANOS;
        if (!spool.isOwner()) {
            wait = Math.min(wait, nextOwnerAttempt - now);
            if (!waiters.isEmpty()) {
                wait = Math.min(wait, FlushWaiters.SHARED_POLL_NANOS);
            }
        } else {
            if (uploads == null || !uploads.busy()) {
                // The refresh waits for no upload in flight (see housekeeping): while one is, its
                // due time would keep this wait at zero and the thread would spin until the answer.
                wait = Math.min(wait, nextRefresh - now);
            }
            if (uploads != null) {
                wait = Math.min(wait, uploads.nanosUntilWork(now, !waiters.isEmpty()));
            }
        }
        if (paused) {
            wait = Math.max(wait, pauseUntil - now);
        }
        return Math.max(0, wait);
    }

    /** Takes what is queued, at most {@code maxDrain} items; returns how many it took. */
    private int drainQueue() {
        int count = 0;
        while (count < maxDrain) {
            drained.clear();
            int n = queue.drainTo(drained, DRAIN_STEP);
            if (n == 0) {
                break;
            }
            for (Object o : drained) {
                take(o);
            }
            count += n;
        }
        drained.clear();
        return count;
    }

    private void take(Object item) {
        if (item instanceof PendingEvent p) {
            appender.add(p);
        } else if (item instanceof FlushMarker marker) {
            writeChunk();
            register(marker);
        }
    }

    private void writeChunk() {
        appender.write();
        updatePending();
    }

    private void register(FlushMarker marker) {
        if (marker.toFileOnly() || uploads == null) {
            appender.whenInFile(marker);
        } else {
            // Everything in the file when the marker is reached: a restarted app's backlog included.
            long end = appender.lastAbsoluteEnd();
            waiters.add(marker, spool.isOwner() ? Math.max(end, spool.knownEndAbsolute()) : end);
        }
    }

    private void housekeeping(long now) throws IOException {
        if (!spool.isOwner() && now - nextOwnerAttempt >= 0) {
            becomeOwnerIfPossible(now);
        }
        if (spool.isOwner()) {
            if (uploads != null) {
                uploads.poll(now);
            }
            if (now - nextRefresh >= 0 && (uploads == null || !uploads.busy())) {
                nextRefresh = now + refreshNanos;
                appender.droppedForCap(spool.refresh(true));
                if (uploads != null && spool.backlogLines() > 0) {
                    uploads.dataArrived(now);
                }
            }
            if (uploads != null) {
                uploads.maybeStart(now, !waiters.isEmpty(), false, requestTimeoutNanos);
            }
        }
        updatePending();
        waiters.complete(spool, now, false);
    }

    private void becomeOwnerIfPossible(long now) {
        nextOwnerAttempt = now + ownerRetryNanos;
        try {
            if (spool.tryOwn()) {
                nextRefresh = now;
                if (uploads != null && spool.backlogLines() > 0) {
                    uploads.dueNow(now);
                }
            }
        } catch (IOException e) {
            log.warn(RateLimitedLogger.Kind.SPOOL, "cannot open the local telemetry file " + spool.path() + " (" + e
                    + "); will try again");
        }
        updatePending();
    }

    private void updatePending() {
        pendingInFile = spool.isOwner() && uploads != null ? spool.backlogLines() : 0;
    }

    /** At close: everything queued to the file, then uploads until the backlog is gone, a try fails or time is up. */
    private void finish() {
        Object item;
        while ((item = queue.poll()) != null) {
            take(item);
        }
        writeChunk();
        if (uploads != null) {
            if (!spool.isOwner()) {
                becomeOwnerIfPossible(System.nanoTime());
            }
            if (spool.isOwner()) {
                try {
                    uploads.uploadUntil(closeDeadline, requestTimeoutNanos, this::awaitAnswer);
                } catch (IOException e) {
                    log.warn(RateLimitedLogger.Kind.SPOOL, "cannot finish the last telemetry upload: " + e);
                }
            }
            uploads.cancel();
        }
        waiters.complete(spool, System.nanoTime(), true);
        updatePending();
    }

    /** At close, while an upload is in flight: waits for its answer, writing what else comes. */
    private boolean awaitAnswer(long nanos) {
        try {
            Object item = queue.poll(nanos, TimeUnit.NANOSECONDS);
            if (item != null && item != EventQueue.WAKE) {
                take(item);
                writeChunk();
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError || t instanceof LinkageError) {
            throw (Error) t;
        }
    }
}
