package com.vrooli.telemetry.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The naive ceiling of issue 5: a bare Undertow handler (default settings, blocking worker
 * threads as ours) that tree-parses each body with Jackson ({@code readTree}), re-serialises
 * each event, and appends the lines to one file, without any validation, limits, routing,
 * metrics or de-duplication. Its one concession to fairness: it gives the same durability as
 * ours. With {@code fsync} it forces the file before answering (outside its write lock, so
 * concurrent requests' forces overlap); without, it answers once the OS has the bytes.
 * NDJSON bodies are split at newlines and each line tree-parsed.
 */
final class NaiveIngestServer implements ServerUnderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FileChannel file;
    private final boolean fsync;
    private final AtomicLong stored = new AtomicLong();
    private final Undertow undertow;

    private NaiveIngestServer(Path file, boolean fsync) throws IOException {
        this.file = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.fsync = fsync;
        this.undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new BlockingHandler(this::handle))
                .build();
    }

    static NaiveIngestServer start(Path file, boolean fsync) throws IOException {
        NaiveIngestServer server = new NaiveIngestServer(file, fsync);
        server.undertow.start();
        return server;
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        byte[] body = exchange.getInputStream().readAllBytes();
        ByteArrayOutputStream lines = new ByteArrayOutputStream(body.length);
        int count = 0;
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && contentType.contains("ndjson")) {
            int start = 0;
            for (int i = 0; i <= body.length; i++) {
                if (i == body.length || body[i] == '\n') {
                    if (i > start) {
                        count += appendLine(mapper.readTree(body, start, i - start), lines);
                    }
                    start = i + 1;
                }
            }
        } else {
            for (JsonNode event : mapper.readTree(body)) {
                count += appendLine(event, lines);
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toByteArray());
        synchronized (file) {
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        }
        if (fsync) {
            file.force(false);
        }
        stored.addAndGet(count);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(("{\"status\":\"accepted\",\"events_received\":" + count
                + ",\"events_stored\":" + count + "}").getBytes(StandardCharsets.US_ASCII)));
    }

    private int appendLine(JsonNode event, ByteArrayOutputStream lines) throws IOException {
        lines.write(mapper.writeValueAsBytes(event));
        lines.write('\n');
        return 1;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    @Override
    public long storedEvents() {
        return stored.get();
    }

    @Override
    public void close() throws IOException {
        undertow.stop();
        file.close();
    }
}
