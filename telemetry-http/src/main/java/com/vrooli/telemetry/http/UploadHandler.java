package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.IngestResult;
import com.vrooli.telemetry.core.IngestService;
import com.vrooli.telemetry.core.ScenarioScope;
import com.vrooli.telemetry.core.WireJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Deque;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@code POST /api/v1/telemetry/upload}: receives the body on the IO thread ({@link BodyReceiver}),
 * then on a worker inflates it when gzip'd (within the decompressed limit, reserved from the
 * in-flight budget first), ingests it into the scenarios the caller's token may write (the store
 * answers only after its write) and answers with the document's upload result: 200 when anything
 * was accepted or was already stored, 400 {@code rejected} when every event was invalid.
 */
final class UploadHandler implements HttpHandler {

    private static final int INFLATE_BUFFER = 8192;

    private final BodyReceiver receiver;
    private final IngestService ingest;
    private final ServerMetrics metrics;
    private final UploadLimits limits;
    private final boolean tokensRequired;

    /** @param tokensRequired whether the server has tokens: an upload must then carry a grant (fails closed) */
    UploadHandler(BodyReceiver receiver, IngestService ingest, ServerMetrics metrics, UploadLimits limits,
                  boolean tokensRequired) {
        this.receiver = receiver;
        this.ingest = ingest;
        this.metrics = metrics;
        this.limits = limits;
        this.tokensRequired = tokensRequired;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        receiver.receive(exchange, this::ingest);
    }

    private void ingest(HttpServerExchange exchange, BodyReceiver.Body body) throws IOException {
        metrics.recordUploadBytes(body.length());
        ScenarioScope scope = scope(exchange);
        byte[] bytes = body.bytes();
        int length = body.length();
        if (body.gzip()) {
            BudgetShare.reserve(exchange, limits.maxDecompressedBytes());
            bytes = inflate(bytes, length);
            length = bytes.length;
        }
        String defaultScenario = firstQueryValue(exchange, "scenario");
        IngestResult result = ingest.ingest(bytes, 0, length, body.format(), defaultScenario, scope);
        metrics.recordIngest(result, defaultScenario);
        BudgetShare.releaseNow(exchange);
        int status = result.status() == IngestResult.Status.REJECTED ? StatusCodes.BAD_REQUEST : StatusCodes.OK;
        Responses.jsonFromIoThread(exchange, status, WireJson.ingestResult(result));
    }

    private ScenarioScope scope(HttpServerExchange exchange) {
        TokenGrant grant = exchange.getAttachment(AuthenticationHandler.GRANT);
        if (grant == null) {
            if (tokensRequired) {
                throw new IllegalStateException("an upload reached ingest without an authenticated token");
            }
            return ScenarioScope.ALL;
        }
        return grant::mayWrite;
    }

    private byte[] inflate(byte[] gzipped, int length) throws IOException {
        long max = limits.maxDecompressedBytes();
        try (InputStream in = new LimitedInputStream(new GZIPInputStream(new ByteArrayInputStream(gzipped, 0, length),
                INFLATE_BUFFER), max, () -> HttpProblem.tooLarge("decompressed request body is larger than the limit"
                + " of " + max + " bytes"))) {
            byte[] buf = new byte[INFLATE_BUFFER];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return n == buf.length ? buf : Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (ZipException | EOFException e) {
            throw HttpProblem.badRequest("request body is not valid gzip data");
        }
    }

    private static String firstQueryValue(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isEmpty()) {
            return null;
        }
        return values.peekFirst();
    }
}
