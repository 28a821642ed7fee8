package com.vrooli.telemetry.store.jsonl.recovery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Runs one I/O task per item on a short-lived pool of one daemon thread per processor and returns
 * the results in the items' order: opening a store loads its scenarios independently of each
 * other. The first failure, in item order, is thrown once every task has ended. A long open logs
 * its progress every {@value #PROGRESS_SECONDS} seconds. Stateless.
 */
public final class ParallelLoad {

    static final int PROGRESS_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ParallelLoad.class.getPackageName());

    /** A task that may fail with an I/O error. */
    public interface Task<T, R> {
        R run(T item) throws IOException;
    }

    private ParallelLoad() {
    }

    /** Logs how far an open is, at most every few seconds, only when it takes that long. */
    private static final class Progress {
        private final int total;
        private final long start = System.nanoTime();
        private long lastLog = start;

        Progress(int total) {
            this.total = total;
        }

        void done(int loaded) {
            long now = System.nanoTime();
            if (now - lastLog >= TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS)) {
                lastLog = now;
                LOG.info(String.format("opening the store: %d of %d scenarios loaded in %d s", loaded, total,
                        TimeUnit.NANOSECONDS.toSeconds(now - start)));
            }
        }
    }

    public static <T, R> List<R> map(List<T> items, Task<T, R> task) throws IOException {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        List<R> out = new ArrayList<>(items.size());
        Progress progress = new Progress(items.size());
        if (threads <= 1) {
            for (T item : items) {
                out.add(task.run(item));
                progress.done(out.size());
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "telemetry-store-open");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> task.run(item)));
            }
            pool.shutdown();
            for (Future<R> f : futures) {
                while (true) {
                    try {
                        out.add(f.get(1, TimeUnit.SECONDS));
                        break;
                    } catch (TimeoutException stillLoading) {
                        progress.done(out.size());
                    }
                }
                progress.done(out.size());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while opening the store");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
