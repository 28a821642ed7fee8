package com.vrooli.telemetry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP calls the launcher's server tests make against a running server: a JSON upload and a
 * GET over one HTTP/1.1 client, and answers read as JSON. A call that gets no answer (the server
 * is down or killed, or the thread interrupted) throws {@link UncheckedIOException}, so load loops
 * can count it. Thread-safe.
 */
final class ServerCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** POSTs {@code json} to the upload endpoint of the server at {@code base}. */
    HttpResponse<String> upload(URI base, String json) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/telemetry/upload"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GETs {@code path} from the server at {@code base}. */
    HttpResponse<String> get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** The answer's body as JSON; an {@link AssertionError} when it is not JSON. */
    static JsonNode json(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (" + answer.statusCode() + "): " + answer.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for the answer"));
        }
    }
}
