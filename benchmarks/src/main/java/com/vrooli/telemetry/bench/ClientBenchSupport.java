package com.vrooli.telemetry.bench;

import com.vrooli.telemetry.client.ClientStats;
import com.vrooli.telemetry.client.DropReason;
import com.vrooli.telemetry.client.TelemetryClient;
import com.vrooli.telemetry.client.TelemetryClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** What the client benchmarks share: a client whose server is down, waiting for the queue, cleaning up. */
final class ClientBenchSupport {

    /** Queue slots left for the client's own markers (upload answers, flushes) when pacing. */
    static final int MARKER_SLOTS = 64;

    /** The path every client benchmark posts to. */
    static final String UPLOAD_PATH = "/api/v1/telemetry/upload";

    private ClientBenchSupport() {
    }

    /** An upload address on a loopback port nothing listens on (bound, then released). */
    static URI deadUploadAddress() {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + UPLOAD_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client of {@code picker-wheel}, deployment {@code deploy-123}, as an app whose server is down:
     * it spools to {@code file} (capped at {@code capMiB} MiB), uploads to {@link #deadUploadAddress()}
     * and leaves closing to the benchmark.
     */
    static TelemetryClientBuilder serverDownClient(Path file, long capMiB) {
        return TelemetryClient.builder()
                .scenario("picker-wheel")
                .deploymentId("deploy-123")
                .spoolFile(file)
                .uploadTo(deadUploadAddress())
                .maxSpoolBytes(capMiB << 20)
                .closeOnShutdown(false);
    }

    /**
     * Events recorded but not yet written to the file, nor dropped or rejected on the way: what
     * sits in the queue. Lines dropped from the file for its cap ({@code SPOOL_FULL}) were spooled
     * first, so they are not subtracted again; nothing in these benchmarks is rejected by a server.
     */
    static long inMemory(ClientStats s) {
        return s.recorded() - s.spooled() - (s.droppedTotal() - s.dropped(DropReason.SPOOL_FULL)) - s.rejected();
    }

    /**
     * Waits until the client's queue (of the default capacity) has room for {@code events} more,
     * keeping a few slots for the wake-up markers the client itself puts in the queue.
     */
    static void awaitRoomFor(TelemetryClient client, int events) {
        awaitQueuedAtMost(client, TelemetryClientBuilder.DEFAULT_QUEUE_CAPACITY - events - MARKER_SLOTS);
    }

    /**
     * Waits until at most {@code limit} events are still in the queue, parking a little longer
     * each time (up to 1 ms) so the waiting thread does not take the core the worker needs.
     */
    static void awaitQueuedAtMost(TelemetryClient client, long limit) {
        long pause = TimeUnit.MICROSECONDS.toNanos(20);
        while (inMemory(client.stats()) > limit) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** One line of counts for a report. */
    static String describe(ClientStats s) {
        return "recorded=" + s.recorded() + " spooled=" + s.spooled() + " uploaded=" + s.uploaded()
                + " duplicates=" + s.duplicates() + " rejected=" + s.rejected()
                + " dropped[QUEUE_FULL]=" + s.dropped(DropReason.QUEUE_FULL)
                + " dropped[SPOOL_FULL]=" + s.dropped(DropReason.SPOOL_FULL)
                + " dropped[other]=" + (s.droppedTotal() - s.dropped(DropReason.QUEUE_FULL) - s.dropped(DropReason.SPOOL_FULL))
                + " pending=" + s.pending() + " failedUploads=" + s.failedUploads();
    }

    /** Deletes a temporary directory and everything in it. */
    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
