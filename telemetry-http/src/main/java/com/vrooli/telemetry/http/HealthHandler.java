package com.vrooli.telemetry.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.vrooli.telemetry.core.StoreHealth;
import com.vrooli.telemetry.core.TelemetryStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","store_writable":true}} while the store accepts
 * writes; otherwise 503 in the error shape with {@code "store_writable":false} and the store's
 * reason (a short text that never names a path).
 */
final class HealthHandler implements HttpHandler {

    private static final JsonFactory JSON = new JsonFactory();

    private final TelemetryStore store;

    HealthHandler(TelemetryStore store) {
        this.store = store;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        StoreHealth health = store.health();
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (health.writable()) {
                g.writeStringField("status", "ok");
            } else {
                g.writeStringField("status", "error");
                g.writeStringField("error", "the telemetry store is not writable: " + health.detail());
            }
            g.writeBooleanField("store_writable", health.writable());
            g.writeEndObject();
        }
        Responses.json(exchange, health.writable() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                out.toByteArray());
    }
}
