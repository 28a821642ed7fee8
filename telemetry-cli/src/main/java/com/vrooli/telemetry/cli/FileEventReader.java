package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.store.jsonl.JsonlFileSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code logs --file}: one JSONL file read through the store's read-only {@link JsonlFileSource}
 * (the store's cursor, its backward paging, its pre-checks). Lines that name no scenario belong to
 * the file's scenario: the SCENARIO argument when given, else the file's name; without a SCENARIO
 * argument every event of the file is shown. Not thread-safe.
 */
final class FileEventReader implements TelemetryReader {

    private final JsonlFileSource source;

    /**
     * @param scenario the file's scenario, or null to show the events of every scenario it holds
     */
    FileEventReader(Path file, String scenario) {
        JsonlFileSource.Builder b = JsonlFileSource.builder(file).everyScenario(scenario == null);
        if (scenario != null) {
            b.fileScenario(scenario);
        }
        this.source = b.build();
    }

    @Override
    public List<ScenarioSummary> summaries() {
        return source.summaries();
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        return source.summary(scenario);
    }

    @Override
    public EventPage query(EventQuery query) {
        return source.query(query);
    }

    @Override
    public Optional<String> warning() {
        long skipped = source.skippedLines();
        return skipped == 0 ? Optional.empty() : Optional.of("skipped " + skipped
                + " line(s) that are not events (first: " + source.firstSkipReason().orElse("") + ")");
    }

    @Override
    public void close() {
        // The source opens and closes the file for each read.
    }
}
