package com.vrooli.telemetry.http;

import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.util.Map;

/**
 * A client mistake (or a temporary refusal) that the adapter answers with a status, a plain-words
 * message and optional headers. Thrown by handlers and mapped to a response by {@link ErrorMapper}.
 */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<HttpString, String> headers;

    HttpProblem(int status, String message, Map<HttpString, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static HttpProblem badRequest(String message) {
        return new HttpProblem(StatusCodes.BAD_REQUEST, message, Map.of());
    }

    static HttpProblem notFound(String message) {
        return new HttpProblem(StatusCodes.NOT_FOUND, message, Map.of());
    }

    static HttpProblem tooLarge(String message) {
        return new HttpProblem(StatusCodes.REQUEST_ENTITY_TOO_LARGE, message, Map.of());
    }

    static HttpProblem unsupportedMediaType(String message, Map<HttpString, String> headers) {
        return new HttpProblem(StatusCodes.UNSUPPORTED_MEDIA_TYPE, message, headers);
    }

    int status() {
        return status;
    }

    Map<HttpString, String> headers() {
        return headers;
    }
}
