package com.vrooli.telemetry.store.jsonl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one I/O task per item on a short-lived pool of one daemon thread per processor and returns
 * the results in the items' order: opening a store loads its scenarios independently of each
 * other. The first failure, in item order, is thrown once every task has ended. Stateless.
 */
final class ParallelLoad {

    /** A task that may fail with an I/O error. */
    interface Task<T, R> {
        R run(T item) throws IOException;
    }

    private ParallelLoad() {
    }

    static <T, R> List<R> map(List<T> items, Task<T, R> task) throws IOException {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        List<R> out = new ArrayList<>(items.size());
        if (threads <= 1) {
            for (T item : items) {
                out.add(task.run(item));
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
                out.add(f.get());
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
