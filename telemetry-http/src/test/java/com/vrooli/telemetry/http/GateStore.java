package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.testing.Await;
import com.vrooli.telemetry.testing.ForwardingTelemetryStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store whose appends wait at a gate the test opens: uploads held in flight. In memory, or in
 * front of a real store.
 */
final class GateStore extends ForwardingTelemetryStore {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();

    GateStore() {
        this(InMemoryTelemetryStore.create());
    }

    GateStore(TelemetryStore delegate) {
        super(delegate);
    }

    /** Appends that have reached the gate so far (held, or let through once it opened). */
    int heldAppends() {
        return held.get();
    }

    /** Waits until an append is held at the gate. */
    void awaitHeldAppend() throws InterruptedException {
        if (!entered.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no append reached the gate");
        }
    }

    void open() {
        open.countDown();
    }

    @Override
    public AppendResult append(List<TelemetryEvent> events) {
        held.incrementAndGet();
        entered.countDown();
        try {
            if (!open.await(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return super.append(events);
    }
}
