package com.vrooli.telemetry.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what a {@link TelemetryClient} did since it was built. Counts are of events and
 * only grow, except {@code pending}.
 *
 * @param recorded       calls to {@code record} (and the typed helpers), whatever became of them
 * @param spooled        events this client appended to the local file
 * @param uploaded       events the server stored as new
 * @param duplicates     events the server already had (a batch re-sent after a lost answer)
 * @param rejected       events refused as invalid, by this client (bad name or details) or by
 *                       the server (per-event errors, a 4xx answer, a single event too large)
 * @param dropped        events lost before upload, by reason (every reason present, zero or more)
 * @param pending        events queued in memory plus events in the file not yet acknowledged, as
 *                       far as this process knows (the file part is counted by the process that
 *                       uploads it)
 * @param failedUploads  upload attempts that failed and will be retried (server down, 5xx, 429,
 *                       timeouts, resets, answers that are not HTTP)
 */
public record ClientStats(long recorded, long spooled, long uploaded, long duplicates, long rejected,
                          Map<DropReason, Long> dropped, long pending, long failedUploads) {

    /** Copies {@code dropped}, with a zero for every reason it lacks. */
    public ClientStats {
        Objects.requireNonNull(dropped, "dropped");
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            all.put(r, dropped.getOrDefault(r, 0L));
        }
        dropped = Map.copyOf(all);
    }

    /**
     * Events dropped for one reason.
     *
     * @param reason why they were dropped
     * @return how many
     */
    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    /**
     * Events dropped for any reason.
     *
     * @return the sum over every reason
     */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
