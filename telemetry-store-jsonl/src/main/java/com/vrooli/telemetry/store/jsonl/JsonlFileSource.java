package com.vrooli.telemetry.store.jsonl;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.EventRules;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.SummaryAggregator;
import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.store.jsonl.query.QueryCursor;
import com.vrooli.telemetry.store.jsonl.query.ScenarioQuery;
import com.vrooli.telemetry.store.jsonl.read.FileLineDecoder;
import com.vrooli.telemetry.store.jsonl.read.FileView;
import com.vrooli.telemetry.store.jsonl.read.ReverseLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One JSONL file read on its own, read-only: a scenario's file copied out of a telemetry
 * directory, or a bundle's local telemetry file, whose lines the runtime writes without a
 * {@code scenario} (they belong to the file's scenario, see {@link FileLineDecoder}). Queries are
 * answered as the store answers them: the same filters and pre-checks ({@link ScenarioQuery.Page}),
 * the same cursor ({@link QueryCursor}, file number {@value #FILE_NUMBER}), and newest-first pages
 * read backward from the end ({@link ReverseLineReader}), so the newest page of a 1 GB file reads
 * only its tail.
 *
 * <p>The file is opened anew for each call, so a file replaced by a rename is read in its new
 * version, and a file moved away (and not yet created again) reads as empty. A cursor carries the token of the file's first line and must fall on a line boundary
 * within the file: a cursor into a file that was truncated or replaced since is refused as stale.
 * Another process may append while it is read: only whole lines are read, except that a last line
 * without its newline is read when it is a whole event (a file written by hand); one that is not
 * yet whole is left for later and not counted as bad. Not thread-safe.
 */
public final class JsonlFileSource {

    /** The file number a cursor of a file names (version 2 cursors need one above 0). */
    static final long FILE_NUMBER = 1;

    private final Path file;
    private final String fileScenario;
    private final boolean everyScenario;
    private final FileLineDecoder lines;
    private long bytesRead;

    private JsonlFileSource(Builder b) {
        this.file = b.file;
        this.fileScenario = b.fileScenario;
        this.everyScenario = b.everyScenario;
        this.lines = new FileLineDecoder(fileScenario);
    }

    /** A builder for a source reading {@code file}. */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** Each scenario the file holds, summarised from all its lines (a full read of the file). */
    public List<ScenarioSummary> summaries() {
        Map<String, SummaryAggregator> byScenario = new TreeMap<>();
        readAll(e -> byScenario.computeIfAbsent(e.scenario(), SummaryAggregator::new).add(e));
        List<ScenarioSummary> out = new ArrayList<>();
        byScenario.values().forEach(a -> out.add(a.snapshot()));
        return out;
    }

    /** One scenario's summary, if the file holds events of it (a full read of the file). */
    public Optional<ScenarioSummary> summary(String scenario) {
        SummaryAggregator a = new SummaryAggregator(scenario);
        readAll(e -> {
            if (e.scenario().equals(scenario)) {
                a.add(e);
            }
        });
        return a.totalEvents() == 0 ? Optional.empty() : Optional.of(a.snapshot());
    }

    /**
     * One page of events, as {@link com.vrooli.telemetry.core.TelemetryStore#query} answers it: of
     * the query's scenario, or of every scenario when built with {@link Builder#everyScenario}.
     *
     * @throws com.vrooli.telemetry.core.InvalidQueryException when the cursor was not issued for
     *                                                          this file as it is now
     * @throws UncheckedIOException                           when the file cannot be read
     */
    public EventPage query(EventQuery query) {
        return query(Objects.requireNonNull(query, "query"), everyScenario);
    }

    private EventPage query(EventQuery query, boolean every) {
        QueryCursor cursor = query.cursor() == null ? null : QueryCursor.decode(query.cursor(), query.order());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileView view = FileView.of(ch, lines);
            if (cursor != null) {
                check(cursor, ch, view);
            }
            ScenarioQuery.Page page = new ScenarioQuery.Page(query, (buf, offset, length) ->
                    selected(query, every, lines.decode(buf, offset, length, view.lineStart, view.countSkips)));
            long next = query.order() == EventQuery.Order.NEWEST_FIRST
                    ? FileView.backward(ch, view, cursor == null ? -1 : cursor.offset(), page)
                    : FileView.forward(ch, view, cursor == null ? 0 : cursor.offset(), page);
            bytesRead += view.bytesRead;
            return new EventPage(page.events, next < 0 ? null
                    : new QueryCursor(query.order(), FILE_NUMBER, next, view.token).encode());
        } catch (NoSuchFileException rotated) {
            // Moved away and not yet created again (log rotation): nothing to read for now.
            return EventPage.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static TelemetryEvent selected(EventQuery query, boolean every, TelemetryEvent e) {
        return e != null && (every || e.scenario().equals(query.scenario())) ? e : null;
    }

    private static void check(QueryCursor cursor, FileChannel ch, FileView view) throws IOException {
        long offset = cursor.offset();
        if (cursor.file() != FILE_NUMBER || offset > view.wholeEnd || (offset > 0
                && (cursor.token() != view.token || ScenarioQuery.byteAt(ch, offset - 1) != '\n'))) {
            throw QueryCursor.stale();
        }
    }

    private void readAll(Consumer<TelemetryEvent> sink) {
        EventQuery all = EventQuery.builder(fileScenario).limit(EventQuery.MAX_LIMIT)
                .order(EventQuery.Order.OLDEST_FIRST).build();
        String cursor = null;
        do {
            EventPage page = query(all.withCursor(cursor), true);
            page.events().forEach(sink);
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /** Lines that were not events, each counted once however often it was read. */
    public long skippedLines() {
        return lines.skipped();
    }

    /** Why the first skipped line was skipped. */
    public Optional<String> firstSkipReason() {
        return Optional.ofNullable(lines.firstSkipReason());
    }

    /** Bytes read from the file so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** Builds a {@link JsonlFileSource}. */
    public static final class Builder {
        private final Path file;
        private String fileScenario;
        private boolean everyScenario;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * The scenario of lines that name none (a bundle runtime's lines); default
         * {@link JsonlFileSource#defaultScenario}.
         */
        public Builder fileScenario(String scenario) {
            String problem = EventRules.scenarioProblem(scenario);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            this.fileScenario = scenario;
            return this;
        }

        /** Queries return the events of every scenario in the file, not only the query's. */
        public Builder everyScenario(boolean every) {
            this.everyScenario = every;
            return this;
        }

        public JsonlFileSource build() {
            if (fileScenario == null) {
                fileScenario = defaultScenario(file);
            }
            return new JsonlFileSource(this);
        }
    }

    /**
     * The scenario of a file's lines that name none when no other is given: the file's name
     * without {@code .jsonl} when that is a valid scenario name, else {@code local}.
     */
    public static String defaultScenario(Path file) {
        Path name = file.getFileName();
        String base = name == null ? "" : name.toString().replaceFirst("\\.jsonl$", "");
        return EventRules.scenarioProblem(base) == null ? base : "local";
    }
}
