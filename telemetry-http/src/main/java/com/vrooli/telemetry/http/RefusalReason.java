package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.util.Locale;

/**
 * Why a request was refused or failed, as the {@code reason} label of
 * {@code telemetry_requests_refused_total}. Read from the exchange when it completes: a handler
 * that needs to say more than the status (the two kinds of 503) attaches the reason; otherwise the
 * status decides. Labels never carry anything from the request.
 */
enum RefusalReason {
    /** 400: a body that is not JSON events, an upload whose every event was invalid, a bad query. */
    MALFORMED,
    /** 401: no valid API token. */
    UNAUTHORIZED,
    /** 403: the token may not do this (read, upload, or upload to that scenario). */
    FORBIDDEN,
    /** 404. */
    NOT_FOUND,
    /** 405. */
    METHOD_NOT_ALLOWED,
    /** 408: the body did not arrive in time. */
    TIMEOUT,
    /** 413: over a size limit. */
    TOO_LARGE,
    /** 415: unsupported content type or encoding. */
    UNSUPPORTED_MEDIA_TYPE,
    /** 429: over the client's rate limit. */
    RATE_LIMITED,
    /** 503: over the global budget of upload bytes in flight. */
    OVERLOADED,
    /** 503: the store cannot write, or the server is shutting down. */
    UNAVAILABLE,
    /** 500: a bug on the server's side. */
    INTERNAL_ERROR,
    /** Any other error status. */
    OTHER;

    private static final AttachmentKey<RefusalReason> KEY = AttachmentKey.create(RefusalReason.class);

    /** The label value. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Marks why {@code exchange} is refused, where the status alone would not tell. */
    void attachTo(HttpServerExchange exchange) {
        exchange.putAttachment(KEY, this);
    }

    /** Why the exchange was refused; null when its status is not an error. */
    static RefusalReason of(HttpServerExchange exchange) {
        int status = exchange.getStatusCode();
        if (status < 400) {
            return null;
        }
        RefusalReason attached = exchange.getAttachment(KEY);
        return attached != null ? attached : ofStatus(status);
    }

    static RefusalReason ofStatus(int status) {
        switch (status) {
            case StatusCodes.BAD_REQUEST:
                return MALFORMED;
            case StatusCodes.UNAUTHORIZED:
                return UNAUTHORIZED;
            case StatusCodes.FORBIDDEN:
                return FORBIDDEN;
            case StatusCodes.NOT_FOUND:
                return NOT_FOUND;
            case StatusCodes.METHOD_NOT_ALLOWED:
                return METHOD_NOT_ALLOWED;
            case StatusCodes.REQUEST_TIME_OUT:
                return TIMEOUT;
            case StatusCodes.REQUEST_ENTITY_TOO_LARGE:
                return TOO_LARGE;
            case StatusCodes.UNSUPPORTED_MEDIA_TYPE:
                return UNSUPPORTED_MEDIA_TYPE;
            case 429:
                return RATE_LIMITED;
            case StatusCodes.SERVICE_UNAVAILABLE:
                return UNAVAILABLE;
            case StatusCodes.INTERNAL_SERVER_ERROR:
                return INTERNAL_ERROR;
            default:
                return OTHER;
        }
    }
}
