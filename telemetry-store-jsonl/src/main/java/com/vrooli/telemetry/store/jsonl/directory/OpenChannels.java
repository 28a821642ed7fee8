package com.vrooli.telemetry.store.jsonl.directory;

import com.vrooli.telemetry.store.jsonl.append.UnsyncedWrites;
import com.vrooli.telemetry.store.jsonl.append.WriteChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the descriptors a writing store keeps open for its scenario files, whatever the number
 * of scenarios: the channels are kept in least-recently-used order, and opening one past the
 * limit closes the least recently used ones that are idle (no write, truncation or force running)
 * and settled (nothing written waits for a force: see {@link UnsyncedWrites#settled}). A closed
 * channel reopens on its next use. A channel that is busy or unsettled is skipped, so the bound is
 * the limit plus the channels in use at that moment (at most one per appending or forcing thread).
 *
 * <p>The limiter's lock is never held while a channel's lock is taken (eviction only tries a
 * channel's lock), so it cannot deadlock with appenders. Thread-safe.
 */
public final class OpenChannels {

    /** 512: far below a default soft limit of 1,024 descriptors, leaving the rest to sockets. */
    public static final int DEFAULT_MAX_OPEN = 512;

    private final int maxOpen;
    private final LinkedHashMap<WriteChannel, Boolean> open = new LinkedHashMap<>(16, 0.75f, true);
    private final LongAdder evictions = new LongAdder();
    private final LongAdder reopens = new LongAdder();

    public OpenChannels(int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + maxOpen);
        }
        this.maxOpen = maxOpen;
    }

    /** Notes a use of {@code channel}, which makes it the most recently used. */
    public void used(WriteChannel channel) {
        synchronized (open) {
            open.get(channel);
        }
    }

    /**
     * Notes that {@code channel} opened its file, then closes idle channels past the limit. Call
     * without holding the channel's lock.
     *
     * @param again true when the file was open before and was closed to respect the limit
     */
    public void opened(WriteChannel channel, boolean again) {
        if (again) {
            reopens.increment();
        }
        List<WriteChannel> candidates = new ArrayList<>();
        synchronized (open) {
            open.put(channel, Boolean.TRUE);
            int excess = open.size() - maxOpen;
            Iterator<WriteChannel> eldest = open.keySet().iterator();
            while (excess > 0 && eldest.hasNext()) {
                WriteChannel c = eldest.next();
                if (c != channel) {
                    candidates.add(c);
                    excess--;
                }
            }
        }
        // Past the limit by a few more than these when some are busy: they are tried again next time.
        for (WriteChannel c : candidates) {
            if (c.closeIfIdle()) {
                evictions.increment();
            }
        }
    }

    /** Notes that {@code channel} closed its file. */
    public void closed(WriteChannel channel) {
        synchronized (open) {
            open.remove(channel);
        }
    }

    /** Channels open now. */
    public int size() {
        synchronized (open) {
            return open.size();
        }
    }

    /** Channels closed to respect the limit since open. */
    public long evictions() {
        return evictions.sum();
    }

    /** Files opened again after such a close since open. */
    public long reopens() {
        return reopens.sum();
    }
}
