package com.vrooli.telemetry.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The live counts behind {@link ClientStats}; contention-free to bump from any thread. */
final class ClientCounters {

    final LongAdder recorded = new LongAdder();
    final LongAdder queued = new LongAdder();
    final LongAdder spooled = new LongAdder();
    final LongAdder uploaded = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failedUploads = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    ClientCounters() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    void dropped(DropReason reason, long n) {
        dropped.get(reason).add(n);
    }

    ClientStats snapshot(LongSupplier pending) {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        dropped.forEach((r, n) -> drops.put(r, n.sum()));
        return new ClientStats(recorded.sum(), spooled.sum(), uploaded.sum(), duplicates.sum(), rejected.sum(),
                drops, pending.getAsLong(), failedUploads.sum());
    }
}
