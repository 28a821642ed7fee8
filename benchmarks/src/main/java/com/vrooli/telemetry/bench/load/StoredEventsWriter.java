package com.vrooli.telemetry.bench.load;

import com.vrooli.telemetry.bench.RealisticBodies;
import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeLimits;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Fills a store directory as a long-running server would have: {@code {scenario}.jsonl} files
 * of stored lines written directly with {@link EventLineCodec}, before a store opens the
 * directory. Events are the realistic mix of {@link RealisticBodies} (successes, failures with
 * details of varied sizes, several deployments), one second apart within a scenario, with unique
 * event ids. Calls append to what earlier calls wrote, so a directory can grow in steps.
 * Not thread-safe.
 */
final class StoredEventsWriter {

    private static final int BUFFER_BYTES = 4 << 20;
    private static final long BASE_SECONDS = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();

    private final Path dir;
    private final List<TelemetryEvent> templates;
    private final String[] scenarios;
    private final long[] written;
    private final byte[] buffer = new byte[BUFFER_BYTES];

    StoredEventsWriter(Path dir, int scenarioCount) {
        this.dir = dir;
        // Templates, not uploads: their dates are not judged against a receive time.
        this.templates = EventDecoder.create(DecodeLimits.defaults().withMaxFutureSkew(DecodeLimits.NO_FUTURE_LIMIT))
                .decode(new RealisticBodies(7).jsonArray(1000), BodyFormat.JSON, null, Instant.EPOCH).events();
        this.scenarios = new String[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            scenarios[s] = String.format("scenario-%04d", s);
        }
        this.written = new long[scenarioCount];
    }

    /** Appends events until the directory holds {@code totalEvents}, spread evenly over the scenarios. */
    void fillTo(long totalEvents) throws IOException {
        for (int s = 0; s < scenarios.length; s++) {
            long target = totalEvents / scenarios.length + (s < totalEvents % scenarios.length ? 1 : 0);
            if (target > written[s]) {
                appendTo(s, target);
            }
        }
    }

    private void appendTo(int s, long target) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(scenarios[s] + ".jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            int pos = 0;
            for (long j = written[s]; j < target; j++) {
                TelemetryEvent t = templates.get((int) ((j + 31L * s) % templates.size()));
                TelemetryEvent e = new TelemetryEvent(Instant.ofEpochSecond(BASE_SECONDS + j), scenarios[s],
                        t.deploymentId(), t.event(), String.format("%04x-%012x", s, j), t.details());
                int length = EventLineCodec.encodedLength(e) + 1;
                if (pos + length > buffer.length) {
                    write(ch, pos);
                    pos = 0;
                }
                pos = EventLineCodec.encodeTo(e, buffer, pos);
            }
            write(ch, pos);
        }
        written[s] = target;
    }

    private void write(FileChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
