package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a telemetry directory holds, read straight from its live {@code {scenario}.jsonl} files
 * (never the {@code .corrupt} side files) with the strict stored-line decoder. Reading fails with
 * an {@link AssertionError} naming the file and line when a live file has a line that does not
 * parse, a line of another scenario, or no newline at its end.
 */
public final class DirectoryAudit {

    private static final EventDecoder DECODER = EventDecoder.create();

    private final Map<String, List<TelemetryEvent>> byScenario;
    private final Map<String, Integer> idCounts;

    private DirectoryAudit(Map<String, List<TelemetryEvent>> byScenario) {
        this.byScenario = byScenario;
        this.idCounts = new HashMap<>();
        byScenario.values().forEach(events -> events.forEach(e -> idCounts.merge(e.eventId(), 1, Integer::sum)));
    }

    public static DirectoryAudit of(Path dir) {
        Map<String, List<TelemetryEvent>> byScenario = new TreeMap<>();
        for (Path file : liveFiles(dir)) {
            String name = file.getFileName().toString();
            String scenario = name.substring(0, name.length() - ".jsonl".length());
            byScenario.put(scenario, readLines(file, scenario));
        }
        return new DirectoryAudit(byScenario);
    }

    /** Times each event id occurs across all live files. */
    public int count(String eventId) {
        return idCounts.getOrDefault(eventId, 0);
    }

    /** Every event id, each once. */
    public Set<String> ids() {
        return idCounts.keySet();
    }

    /** Ids that occur more than once. */
    public List<String> duplicatedIds() {
        return idCounts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
                .collect(Collectors.toList());
    }

    public int totalEvents() {
        return idCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The summaries recounted from the files, sorted by scenario as the server lists them. */
    public List<ScenarioSummary> recount() {
        List<ScenarioSummary> out = new ArrayList<>();
        byScenario.forEach((scenario, events) -> {
            if (!events.isEmpty()) {
                SummaryAggregator a = new SummaryAggregator(scenario);
                events.forEach(a::add);
                out.add(a.snapshot());
            }
        });
        return out;
    }

    private static List<Path> liveFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TelemetryEvent> readLines(Path file, String scenario) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            throw new AssertionError(file + " ends in a torn line: "
                    + tail(bytes, bytes.length - Math.min(bytes.length, 200)));
        }
        List<TelemetryEvent> events = new ArrayList<>();
        int start = 0;
        int lineNumber = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            try {
                TelemetryEvent e = DECODER.decodeLine(bytes, start, i - start);
                if (!e.scenario().equals(scenario)) {
                    throw new AssertionError(file + ":" + lineNumber + " holds an event of scenario " + e.scenario());
                }
                events.add(e);
            } catch (MalformedBodyException e) {
                throw new AssertionError(file + ":" + lineNumber + " does not parse (" + e.getMessage() + "): "
                        + tail(bytes, start).lines().findFirst().orElse(""), e);
            }
            start = i + 1;
            lineNumber++;
        }
        return events;
    }

    private static String tail(byte[] bytes, int from) {
        return new String(bytes, from, Math.min(bytes.length - from, 200), StandardCharsets.UTF_8);
    }
}
