package com.vrooli.telemetry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Passes bytes through until more than {@code limit} have been read, then throws the supplied
 * exception: a hard cap that holds whatever the headers claimed. Counts what it passed. Not
 * thread-safe (one request's stream).
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> overLimit;
    private long count;

    LimitedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> overLimit) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        // Ask for at most one byte past the limit: enough to detect the overflow, no more.
        long room = limit - count + 1;
        int n = super.read(buf, off, (int) Math.min(len, Math.max(room, 1)));
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        advance(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(long n) {
        count += n;
        if (count > limit) {
            throw overLimit.get();
        }
    }
}
