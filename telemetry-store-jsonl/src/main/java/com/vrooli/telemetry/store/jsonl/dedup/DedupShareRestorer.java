package com.vrooli.telemetry.store.jsonl.dedup;

import com.vrooli.telemetry.store.jsonl.snapshot.ScenarioSnapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Rebuilds a scenario's share of the de-duplication window after a snapshot restart, exactly as a
 * full rebuild would: its newest {@code quota} event ids, oldest first. They are the ids of the
 * lines after the snapshot's offset, preceded by the newest ids before it: taken from the
 * snapshot, or, when the share grew since it was taken (fewer scenarios now), read backwards from
 * the offset. Stateless.
 */
public final class DedupShareRestorer {

    private DedupShareRestorer() {
    }

    /**
     * @param from  the snapshot resumed from
     * @param newer the ids of the lines after its offset, oldest first
     * @param into  receives the share, oldest first
     * @param file  the scenario's file
     */
    public static void resume(ScenarioSnapshot from, NewestIdRing newer, NewestIdRing into, Path file)
            throws IOException {
        int wanted = (int) Math.min(into.quota() - newer.size(), from.idLines());
        long[] persisted = from.recentIds();
        if (wanted > 0 && persisted.length >= wanted) {
            for (int i = persisted.length - wanted; i < persisted.length; i++) {
                into.add(persisted[i]);
            }
        } else if (wanted > 0) {
            long[] older = BackwardIdReader.newestBefore(file, from.scenario(), from.offset(), wanted);
            for (int i = older.length - 1; i >= 0; i--) {
                into.add(older[i]);
            }
        }
        newer.addTo(into);
    }
}
