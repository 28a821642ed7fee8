package com.vrooli.telemetry.client;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongPredicate;

/**
 * The upload side of the background thread: when to send, one batch in flight at a time, and
 * what each answer means for the file position and the counts. Never blocks: a batch is sent
 * asynchronously and {@link #poll} picks up its answer. Used by the client's one background
 * thread, as the file's owner.
 */
final class UploadController {

    static final long NEVER = Long.MAX_VALUE;
    private static final long ANSWER_GRACE_NANOS = 200_000_000L;

    private final Spool spool;
    private final Uploader uploader;
    private final RetryPolicy retry;
    private final ClientCounters counters;
    private final RateLimitedLogger log;
    private final Runnable onAnswer;
    private final int maxBatchBytes;
    private final long lingerNanos;
    private final String target;

    private InFlight inFlight;
    private long dueAt = NEVER;
    private long retryAt;
    private int failures;
    private boolean lastAttemptFailed;
    private final BatchSize batchSize;

    private record InFlight(SpoolBatch batch, CompletableFuture<HttpResponse<byte[]>> answer, long deadline) {
    }

    UploadController(Spool spool, Uploader uploader, RetryPolicy retry, ClientCounters counters,
                     RateLimitedLogger log, Runnable onAnswer, int maxBatchEvents, int maxBatchBytes,
                     Duration linger) {
        this.spool = spool;
        this.uploader = uploader;
        this.retry = retry;
        this.counters = counters;
        this.log = log;
        this.onAnswer = onAnswer;
        this.maxBatchBytes = maxBatchBytes;
        this.lingerNanos = linger.toNanos();
        this.target = Uploader.describe(uploader.uri());
        this.batchSize = new BatchSize(maxBatchEvents);
    }

    /** The upload side of a client built with {@code config}; its HTTP client runs on {@code executor}. */
    static UploadController create(ClientConfig config, Spool spool, Executor executor, ClientCounters counters,
                                   RateLimitedLogger log, Runnable onAnswer) {
        Uploader uploader = new Uploader(Uploader.httpClient(config.connectTimeout(), executor), config.uploadUri(),
                config.authToken());
        RetryPolicy retry = new RetryPolicy(config.backoffBase(), config.backoffCap(), config.maxRetryAfter(),
                config.clock());
        return new UploadController(spool, uploader, retry, counters, log, onAnswer, config.maxBatchEvents(),
                config.maxBatchBytes(), config.uploadInterval());
    }

    boolean busy() {
        return inFlight != null;
    }

    /** New lines reached the file: send them after the linger time unless a send is already due. */
    void dataArrived(long now) {
        if (dueAt == NEVER) {
            dueAt = now + lingerNanos;
        }
    }

    /** Send as soon as backoff allows (a backlog found at start). */
    void dueNow(long now) {
        dueAt = now;
    }

    /** Nanoseconds until {@link #poll} or {@link #maybeStart} has work; {@link #NEVER} when none. */
    long nanosUntilWork(long now, boolean urgent) {
        if (inFlight != null) {
            return Math.max(0, inFlight.deadline - now);
        }
        if (spool.backlogLines() == 0) {
            return NEVER;
        }
        long at = urgent || spool.backlogLines() >= batchSize.limit() ? now : dueAt;
        if (failures > 0 && (at == NEVER || retryAt - at > 0)) {
            at = retryAt;
        }
        return at == NEVER ? NEVER : Math.max(0, at - now);
    }

    /**
     * Sends the next batch when one is due. {@code urgent} skips the linger time (a flush, the
     * close); {@code ignoreBackoff} is only for the last try at close.
     */
    void maybeStart(long now, boolean urgent, boolean ignoreBackoff, long timeoutNanos) throws IOException {
        if (inFlight != null) {
            return;
        }
        if (spool.backlogLines() == 0) {
            dueAt = NEVER;
            return;
        }
        if (failures > 0 && !ignoreBackoff && now - retryAt < 0) {
            return;
        }
        boolean due = urgent || spool.backlogLines() >= batchSize.limit() || (dueAt != NEVER && now - dueAt >= 0);
        if (!due) {
            return;
        }
        SpoolBatch batch = spool.nextBatch(batchSize.limit(), maxBatchBytes);
        if (batch == null) {
            dueAt = NEVER;
            return;
        }
        if (batch.damaged()) {
            spool.acknowledge(batch);
            counters.rejected.increment();
            log.warn(RateLimitedLogger.Kind.SERVER_REJECTED, "skipped a damaged line of " + (batch.end() - batch.start())
                    + " bytes in " + spool.path() + ": it is longer than any event");
            dueAt = now;
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> answer;
        try {
            answer = uploader.send(batch.body(), Duration.ofNanos(timeoutNanos));
        } catch (RuntimeException e) {
            failed(now, null, e.toString());
            return;
        }
        inFlight = new InFlight(batch, answer, now + timeoutNanos + ANSWER_GRACE_NANOS);
        answer.whenComplete((r, e) -> onAnswer.run());
    }

    /** Handles the batch in flight if its answer came or its time is up; true when it was handled. */
    boolean poll(long now) throws IOException {
        InFlight f = inFlight;
        if (f == null) {
            return false;
        }
        if (!f.answer.isDone()) {
            if (now - f.deadline < 0) {
                return false;
            }
            inFlight = null;
            f.answer.cancel(true);
            failed(now, null, new HttpTimeoutException("no answer in time").toString());
            return true;
        }
        inFlight = null;
        HttpResponse<byte[]> response;
        try {
            response = f.answer.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failed(now, null, cause.toString());
            return true;
        }
        answered(now, f.batch, response);
        return true;
    }

    private void answered(long now, SpoolBatch batch, HttpResponse<byte[]> response) throws IOException {
        UploadVerdict verdict = UploadVerdict.of(response.statusCode(), response.body(), batch.lines());
        if (verdict instanceof UploadVerdict.Judged judged) {
            UploadAnswer a = judged.answer();
            counters.uploaded.add(a.stored());
            counters.duplicates.add(a.duplicates());
            if (a.rejected() > 0) {
                counters.rejected.add(a.rejected());
                log.warn(RateLimitedLogger.Kind.SERVER_REJECTED, "the telemetry server refused " + a.rejected()
                        + " of " + batch.lines() + " events" + (a.error() == null ? "" : ": " + a.error()));
            }
            batchSize.succeeded(batch.lines());
            succeeded(now, batch);
        } else if (verdict instanceof UploadVerdict.Split split) {
            if (batch.lines() > 1) {
                batchSize.tooLarge(batch.lines());
                lastAttemptFailed = false;
                dueAt = now;
            } else if (!split.judged()) {
                // A proxy's 413 (HTML, or no body) says nothing about the event: keep it.
                failed(now, response.headers().firstValue("Retry-After").orElse(null),
                        "HTTP 413 from something that is not the telemetry server");
            } else {
                // Our server's limit is 4 MiB a body and the client's 64 KiB an event: one event
                // refused as too large would block every later one if it were kept.
                counters.rejected.increment();
                log.warn(RateLimitedLogger.Kind.SERVER_REJECTED,
                        "the telemetry server refused an event as too large (HTTP 413); it is dropped");
                succeeded(now, batch);
            }
        } else {
            failed(now, response.headers().firstValue("Retry-After").orElse(null),
                    ((UploadVerdict.Retry) verdict).why());
        }
    }

    private void succeeded(long now, SpoolBatch batch) throws IOException {
        failures = 0;
        lastAttemptFailed = false;
        dueAt = NEVER;
        spool.acknowledge(batch);
        dueAt = spool.backlogLines() > 0 ? now : NEVER;
    }

    private void failed(long now, String retryAfter, String why) {
        counters.failedUploads.increment();
        failures++;
        lastAttemptFailed = true;
        long delay = retry.delayNanos(failures, retryAfter);
        retryAt = now + delay;
        dueAt = retryAt;
        log.warn(RateLimitedLogger.Kind.UPLOAD_FAILED, "telemetry upload to " + target + " failed (" + why
                + "); retrying in " + Math.max(1, delay / 1_000_000) + " ms; the events stay in " + spool.path());
    }

    /**
     * At close: sends batches until the backlog is gone, a try fails or {@code deadline} passes,
     * ignoring backoff. {@code awaitAnswer} waits up to the given nanoseconds for an answer (false
     * when interrupted, which ends the uploads).
     */
    void uploadUntil(long deadline, long requestTimeoutNanos, LongPredicate awaitAnswer) throws IOException {
        boolean tried = false;
        while (true) {
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                return;
            }
            if (busy()) {
                if (!awaitAnswer.test(left)) {
                    return;
                }
                poll(System.nanoTime());
                continue;
            }
            long backlog = spool.backlogLines();
            if ((tried && lastAttemptFailed) || backlog == 0) {
                return;
            }
            maybeStart(now, true, true, Math.min(requestTimeoutNanos, left));
            tried = true;
            if (!busy() && spool.backlogLines() == backlog) {
                return;
            }
        }
    }

    /** Abandons the batch in flight (at close); it stays unacknowledged in the file. */
    void cancel() {
        if (inFlight != null) {
            inFlight.answer.cancel(true);
            inFlight = null;
        }
    }
}
