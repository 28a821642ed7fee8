package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.InvalidQueryException;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioNotPermittedException;
import com.vrooli.telemetry.core.StoreUnavailableException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;

/**
 * The one place where exceptions become HTTP answers. Client mistakes get their status and a
 * plain-words message; a store that cannot write gets 503 with {@code Retry-After}; anything
 * unexpected gets a generic 500 and a log line, never a stack trace in the answer.
 */
final class ErrorMapper implements HttpHandler {

    private static final int NAMED_AT_MOST = 3;
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
    /** Seconds a client should wait before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final HttpHandler next;
    private final UploadLimits uploadLimits;
    private final BodyTimeouts bodyTimeouts;

    ErrorMapper(HttpHandler next) {
        this(next, null, null);
    }

    /**
     * An error mapper that delivers the refusal of an upload with a bounded declared body only once
     * that body is read and dropped ({@link BodyDiscarder}); both may be null (answer at once).
     */
    ErrorMapper(HttpHandler next, UploadLimits uploadLimits, BodyTimeouts bodyTimeouts) {
        this.next = Objects.requireNonNull(next, "next");
        this.uploadLimits = uploadLimits;
        this.bodyTimeouts = bodyTimeouts;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            next.handleRequest(exchange);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            if (uploadLimits != null && t instanceof HttpProblem
                    && Routes.UPLOAD.equals(exchange.getAttachment(Router.ROUTE))
                    && BodyDiscarder.worthDiscarding(exchange, uploadLimits.discardCap())) {
                BodyDiscarder.answerAfterBody(exchange, t, bodyTimeouts, uploadLimits.discardCap());
                return;
            }
            answer(exchange, t);
        }
    }

    /** Answers {@code exchange} with the status and message of {@code t}; on any thread. */
    static void answer(HttpServerExchange exchange, Throwable t) {
        Answer a = map(t);
        if (a.status() == StatusCodes.INTERNAL_SERVER_ERROR) {
            LOG.log(Level.SEVERE, "unexpected failure answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestPath(), t);
        } else if (a.status() == StatusCodes.SERVICE_UNAVAILABLE) {
            LOG.log(Level.WARNING, "store unavailable: " + t.getMessage());
        } else {
            LOG.log(Level.FINE, "client error " + a.status() + ": " + a.message());
        }
        BudgetShare.releaseNow(exchange);
        if (exchange.isResponseStarted()) {
            // Too late for a status line: the only honest signal left is to drop the connection.
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        a.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
        Responses.error(exchange, a.status(), a.message());
    }

    /** The status, message and headers for an exception. */
    static Answer map(Throwable t) {
        if (t instanceof HttpProblem) {
            HttpProblem p = (HttpProblem) t;
            return new Answer(p.status(), p.getMessage(), p.headers());
        }
        if (t instanceof ScenarioNotPermittedException) {
            return new Answer(StatusCodes.FORBIDDEN, forbiddenScenarios(((ScenarioNotPermittedException) t).scenarios()),
                    Map.of());
        }
        if (t instanceof RequestTooBigException) {
            // Undertow's own backstop (MAX_ENTITY_SIZE), should a body ever pass the receiver's cap.
            return new Answer(StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request body is larger than the limit", Map.of());
        }
        if (t instanceof MalformedBodyException || t instanceof InvalidQueryException) {
            return new Answer(StatusCodes.BAD_REQUEST, t.getMessage(), Map.of());
        }
        if (t instanceof StoreUnavailableException) {
            // The store's own message is for operators (it may name files); the client gets plain words.
            return new Answer(StatusCodes.SERVICE_UNAVAILABLE, "the telemetry store cannot accept writes right now;"
                    + " retry later", Map.of(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS));
        }
        if (t instanceof IOException) {
            return new Answer(StatusCodes.BAD_REQUEST, "the request body could not be read", Map.of());
        }
        return new Answer(StatusCodes.INTERNAL_SERVER_ERROR, "internal server error", Map.of());
    }

    /** Names at most three of the refused scenarios, so a huge batch cannot make a huge answer. */
    static String forbiddenScenarios(SortedSet<String> scenarios) {
        StringBuilder names = new StringBuilder();
        int n = 0;
        for (String s : scenarios) {
            if (n == NAMED_AT_MOST) {
                names.append(" and ").append(scenarios.size() - n).append(" more");
                break;
            }
            names.append(n == 0 ? "'" : ", '").append(s).append('\'');
            n++;
        }
        return "this token may not upload to scenario" + (scenarios.size() > 1 ? "s " : " ") + names
                + "; nothing was stored";
    }

    /** What to answer: a status, a message for the client and extra headers. */
    record Answer(int status, String message, Map<HttpString, String> headers) {
    }
}
