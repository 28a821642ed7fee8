package com.vrooli.telemetry.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The request body's conduit with a deadline: waiting for the client's bytes never lasts past it.
 * Blocking reads wait through {@code awaitReadable}, which is cut short at the deadline; a read
 * that finds no data once the deadline has passed fails with {@link BodyTimeoutException}, which
 * frees the worker thread. Data already there is still delivered, so a slow server is never
 * blamed on the client. Counts the body bytes read into the request's {@link BodyMeter}.
 * Used by one request's worker thread at a time.
 */
final class DeadlineSourceConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private final long deadline;
    private final BodyMeter meter;

    /** @param deadline {@link System#nanoTime()} after which waiting for the client stops */
    DeadlineSourceConduit(StreamSourceConduit next, long deadline, BodyMeter meter) {
        super(next);
        this.deadline = deadline;
        this.meter = meter;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = next.read(dst);
        checked(n);
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        long n = next.read(dsts, offs, len);
        checked(n);
        return n;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        long n = next.transferTo(position, count, target);
        checked(n);
        return n;
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        long n = next.transferTo(count, throughBuffer, target);
        checked(n);
        return n;
    }

    @Override
    public void awaitReadable() throws IOException {
        long remaining = remaining();
        if (remaining > 0) {
            next.awaitReadable(remaining, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void awaitReadable(long time, TimeUnit unit) throws IOException {
        long remaining = remaining();
        if (remaining > 0) {
            next.awaitReadable(Math.min(unit.toNanos(time), remaining), TimeUnit.NANOSECONDS);
        }
    }

    private void checked(long n) throws BodyTimeoutException {
        if (n > 0) {
            meter.add(n);
        } else if (n == 0 && remaining() <= 0) {
            meter.timeOut();
            throw new BodyTimeoutException();
        }
    }

    private long remaining() {
        return deadline - System.nanoTime();
    }

    /** The client did not send its body before the deadline. */
    static final class BodyTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException() {
            super("the request body did not arrive in time");
        }
    }
}
