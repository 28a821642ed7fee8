package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.AppendResult;
import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.ArrayList;
import java.util.List;

/** Copies every event of one store into another, scenario by scenario in stored order. */
final class JsonlImport {

    /** What a copy did: events read, newly stored, already there, and scenarios visited. */
    record Totals(long read, long stored, long duplicates, int scenarios) {
    }

    private JsonlImport() {
    }

    static Totals copy(TelemetryStore from, TelemetryStore to, int batch, ImportProgress progress) {
        List<ScenarioSummary> scenarios = from.summaries();
        progress.start(scenarios.stream().mapToLong(ScenarioSummary::totalEvents).sum());
        long read = 0;
        long stored = 0;
        long duplicates = 0;
        for (ScenarioSummary s : scenarios) {
            ImportFingerprints fingerprints = new ImportFingerprints();
            EventQuery q = EventQuery.builder(s.scenario()).order(EventQuery.Order.OLDEST_FIRST).limit(batch).build();
            while (true) {
                EventPage page = from.query(q);
                List<TelemetryEvent> events = new ArrayList<>(page.events().size());
                for (TelemetryEvent e : page.events()) {
                    events.add(fingerprints.withId(e));
                }
                AppendResult r = to.append(events);
                read += events.size();
                stored += r.stored();
                duplicates += r.duplicates();
                progress.advance(events.size());
                if (page.nextCursor() == null) {
                    break;
                }
                q = q.withCursor(page.nextCursor());
            }
        }
        progress.finish();
        return new Totals(read, stored, duplicates, scenarios.size());
    }
}
