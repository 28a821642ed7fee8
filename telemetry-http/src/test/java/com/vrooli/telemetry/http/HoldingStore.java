package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.testing.ForwardingTelemetryStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store in front of a real one that, when told to, holds each append after it has stored (so the
 * server's answer waits): a client that dies while waiting for an answer its events already got.
 */
public final class HoldingStore extends ForwardingTelemetryStore {

    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch gate;

    public HoldingStore(TelemetryStore delegate) {
        super(delegate);
    }

    /** From now on, appends wait after storing until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Appends held back so far. */
    public int held() {
        return held.get();
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        AppendResult result = super.append(events);
        CountDownLatch g = gate;
        if (g != null) {
            held.incrementAndGet();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }





    @Override
    public void close() {
        release();
        super.close();
    }
}
