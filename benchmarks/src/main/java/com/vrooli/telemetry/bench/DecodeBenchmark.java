package com.vrooli.telemetry.bench;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vrooli.telemetry.core.BodyFormat;
import com.vrooli.telemetry.core.DecodeResult;
import com.vrooli.telemetry.core.EventDecoder;
import com.vrooli.telemetry.core.EventLineCodec;
import com.vrooli.telemetry.core.TelemetryEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding + validation + encoding of the stored lines for a 1000-event body (everything ingest
 * does before the write), against the naive path: a Jackson tree parse of the body and each event
 * re-serialised, with no validation. Scores are events per second.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar DecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    static final int EVENTS = 1000;

    @Param({"JSON", "NDJSON"})
    public String format;

    private byte[] body;
    private BodyFormat bodyFormat;
    private final EventDecoder decoder = EventDecoder.create();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Instant now = Instant.parse("2025-01-15T13:00:00Z");
    private final ByteArrayBuilder out = new ByteArrayBuilder(EVENTS * 256);
    private byte[] lines = new byte[EVENTS * 256];

    @Setup
    public void setUp() {
        RealisticBodies bodies = new RealisticBodies(42);
        bodyFormat = BodyFormat.valueOf(format);
        body = bodyFormat == BodyFormat.JSON ? bodies.jsonArray(EVENTS) : bodies.ndjson(EVENTS);
    }

    /** Our path: streaming decode, validation, and encoding of every stored line. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int streamingDecodeAndEncode() {
        DecodeResult result = decoder.decode(body, bodyFormat, null, now);
        int pos = 0;
        for (TelemetryEvent e : result.events()) {
            int n = EventLineCodec.encodedLength(e) + 1;
            if (lines.length - pos < n) {
                lines = Arrays.copyOf(lines, Math.max(lines.length * 2, pos + n));
            }
            pos = EventLineCodec.encodeTo(e, lines, pos);
        }
        return pos;
    }

    /** The naive ceiling: tree-parse, re-serialise each event, no validation. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int naiveTreeParseAndReserialise() throws IOException {
        out.reset();
        if (bodyFormat == BodyFormat.JSON) {
            JsonNode root = mapper.readTree(body);
            for (JsonNode event : root) {
                out.write(mapper.writeValueAsBytes(event));
                out.write('\n');
            }
        } else {
            int start = 0;
            for (int i = 0; i <= body.length; i++) {
                if (i == body.length || body[i] == '\n') {
                    if (i > start) {
                        JsonNode event = mapper.readTree(body, start, i - start);
                        out.write(mapper.writeValueAsBytes(event));
                        out.write('\n');
                    }
                    start = i + 1;
                }
            }
        }
        return out.size();
    }
}
