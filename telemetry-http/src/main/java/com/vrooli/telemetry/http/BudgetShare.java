package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request's part of the {@link InFlightBudget}: its body's bytes are reserved as they arrive
 * (a sender that stalls holds only what it sent, never what it declared) and, for a gzip body, the
 * decompressed limit before it is inflated; everything is released before the answer is sent, and
 * in any case when the exchange completes.
 * Attached by {@link RateLimitHandler}. Thread-safe (bytes arrive on the IO thread, inflation
 * runs on a worker, release on either).
 */
final class BudgetShare {

    private static final AttachmentKey<BudgetShare> KEY = AttachmentKey.create(BudgetShare.class);

    private final InFlightBudget budget;
    private final AtomicLong held = new AtomicLong();

    private BudgetShare(InFlightBudget budget) {
        this.budget = budget;
    }

    /** A new share of {@code budget}, attached to the exchange. */
    static BudgetShare attach(HttpServerExchange exchange, InFlightBudget budget) {
        BudgetShare share = new BudgetShare(budget);
        exchange.putAttachment(KEY, share);
        return share;
    }

    /**
     * Reserves {@code bytes} more for the exchange's body.
     *
     * @throws HttpProblem 503 with {@code Retry-After} when the budget has no room for them
     */
    static void reserve(HttpServerExchange exchange, long bytes) {
        BudgetShare share = exchange.getAttachment(KEY);
        if (share != null && bytes > 0) {
            if (!share.budget.tryReserve(bytes)) {
                throw RateLimitHandler.overloaded(exchange);
            }
            share.held.addAndGet(bytes);
        }
    }

    /**
     * Gives back what the exchange's share holds, before its answer is sent: a client that sends its
     * next upload as soon as it reads the answer must find the budget already free.
     */
    static void releaseNow(HttpServerExchange exchange) {
        BudgetShare share = exchange.getAttachment(KEY);
        if (share != null) {
            share.release();
        }
    }

    /** Gives back everything this share holds (again, harmlessly, when the exchange completes). */
    void release() {
        budget.release(held.getAndSet(0));
    }
}
