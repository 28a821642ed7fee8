package com.vrooli.telemetry.client;

import java.io.IOException;

/**
 * From queued events to whole lines in the file: encodes each event into a reusable buffer and
 * appends the buffer in one write when it is full or the queue is drained, then hands the write
 * to the {@link SpoolForcer} (when writes are forced) instead of waiting for the disk. Lines the
 * file's cap pushed out, and writes that failed, are counted as drops. Used by the background
 * thread only.
 */
final class SpoolAppender {

    private final Spool spool;
    private final EventEncoder encoder;
    private final ClientCounters counters;
    private final RateLimitedLogger log;
    private final SpoolForcer forcer;
    private final UploadController uploads;
    private final long maxSpoolBytes;
    private final int chunkLimit;
    private final LineBuffer chunk;
    private long lastAbsoluteEnd;
    private volatile long takenEvents;

    /** {@code forcer} and {@code uploads} may be null: writes not forced, no upload address. */
    SpoolAppender(ClientConfig config, Spool spool, EventEncoder encoder, ClientCounters counters,
                  RateLimitedLogger log, SpoolForcer forcer, UploadController uploads) {
        this.spool = spool;
        this.encoder = encoder;
        this.counters = counters;
        this.log = log;
        this.forcer = forcer;
        this.uploads = uploads;
        this.maxSpoolBytes = config.maxSpoolBytes();
        this.chunkLimit = config.writeChunkBytes();
        this.chunk = new LineBuffer(64 * 1024, 2 * chunkLimit);
    }

    /** Events taken from the queue so far. */
    long taken() {
        return takenEvents;
    }

    /** The absolute offset after this client's last write. */
    long lastAbsoluteEnd() {
        return lastAbsoluteEnd;
    }

    /** Encodes one event into the buffer; writes the buffer when it is full. */
    void add(PendingEvent p) {
        takenEvents++;
        String problem = encoder.encode(p, chunk);
        if (problem != null) {
            counters.rejected.increment();
            log.warn(RateLimitedLogger.Kind.INVALID_EVENT, "telemetry event '" + p.event() + "' rejected: " + problem);
        } else if (chunk.length() >= chunkLimit) {
            write();
        }
    }

    /** Appends what the buffer holds to the file. */
    void write() {
        if (chunk.isEmpty()) {
            return;
        }
        int lines = chunk.lines();
        try {
            Spool.Appended a = spool.append(chunk.array(), chunk.length(), lines, uploads == null || !uploads.busy());
            counters.spooled.add(lines);
            lastAbsoluteEnd = a.absoluteEnd();
            if (forcer != null) {
                forcer.written();
            }
            droppedForCap(a.droppedLines());
            if (uploads != null && spool.isOwner()) {
                uploads.dataArrived(System.nanoTime());
            }
        } catch (IOException e) {
            counters.dropped(DropReason.SPOOL_ERROR, lines);
            log.warn(RateLimitedLogger.Kind.SPOOL, "cannot write the local telemetry file " + spool.path() + " ("
                    + e + "); dropped " + lines + " events");
        } finally {
            chunk.reset();
        }
    }

    /** Completes {@code marker} once everything written so far is in the file (and on disk, when forced). */
    void whenInFile(FlushMarker marker) {
        if (forcer == null) {
            marker.complete(true);
        } else {
            forcer.whenForced(marker);
        }
    }

    /** Counts (and warns about) unsent lines removed to keep the file under its cap. */
    void droppedForCap(long lines) {
        if (lines > 0) {
            counters.dropped(DropReason.SPOOL_FULL, lines);
            log.warn(RateLimitedLogger.Kind.SPOOL_FULL, "the local telemetry file reached its cap of " + maxSpoolBytes
                    + " bytes; dropped the " + lines + " oldest unsent events");
        }
    }
}
