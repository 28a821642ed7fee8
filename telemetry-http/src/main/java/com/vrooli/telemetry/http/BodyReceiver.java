package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.BodyFormat;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Receives an upload body without holding a worker thread: its bytes are read on the
 * connection's IO thread as they arrive (Undertow's {@link Receiver}), and only the complete body
 * is handed to a worker. Before reading: an unsupported or missing {@code Content-Type} or an
 * unsupported {@code Content-Encoding} is 415, and a {@code Content-Length} above the body limit
 * is 413. While reading: the body is cut off one byte past its limit with 413 whatever the headers
 * said; each chunk is reserved from the in-flight budget as it arrives (503 when it has no room);
 * and {@link BodyWatch} answers 408 when the body is too late or too slow. Every refusal closes
 * the connection, since the rest of the body is never read. Stateless and thread-safe.
 */
final class BodyReceiver {

    private static final int INITIAL_CAPACITY = 8192;
    /** Grown as bytes arrive, never from what a client declared: 2,000 stalled uploads must not hold 8 GB. */
    private static final int LARGEST_INITIAL_CAPACITY = 64 * 1024;

    private final UploadLimits limits;
    private final BodyTimeouts timeouts;
    private final ServerMetrics metrics;

    BodyReceiver(UploadLimits limits, BodyTimeouts timeouts, ServerMetrics metrics) {
        this.limits = limits;
        this.timeouts = timeouts;
        this.metrics = metrics;
    }

    /** A complete body as sent, and how it is framed and encoded. */
    record Body(byte[] bytes, int length, BodyFormat format, boolean gzip) {
    }

    /** What runs on a worker once the whole body is in. */
    @FunctionalInterface
    interface BodyHandler {
        void handle(HttpServerExchange exchange, Body body) throws Exception;
    }

    /**
     * Checks the headers, then receives the body and dispatches {@code onBody} to a worker. Call on
     * the IO thread, from a handler that returns right after.
     *
     * @throws HttpProblem 415 or 413 when the headers already say the body cannot be taken
     */
    void receive(HttpServerExchange exchange, BodyHandler onBody) {
        BodyFormat format;
        boolean gzip;
        long declared = exchange.getRequestContentLength();
        try {
            format = format(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
            gzip = isGzip(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING));
            if (declared > limits.maxBodyBytes()) {
                throw HttpProblem.tooLarge("request body is " + declared + " bytes; the limit is "
                        + limits.maxBodyBytes() + " bytes");
            }
        } catch (HttpProblem p) {
            if (!BodyDiscarder.worthDiscarding(exchange, limits.discardCap())) {
                throw p;
            }
            BodyDiscarder.answerAfterBody(exchange, p, timeouts, limits.discardCap());
            return;
        }
        new Reception(exchange, onBody, format, gzip, declared).start();
    }

    /** One body on its way in; confined to the exchange's IO thread until it is dispatched. */
    private final class Reception {
        private final HttpServerExchange exchange;
        private final BodyHandler onBody;
        private final BodyFormat format;
        private final boolean gzip;
        private final BodyMeter meter;
        private final BodyWatch watch;
        private byte[] buf;
        private int length;
        private boolean finished;
        /** A refusal waiting for the rest of the body to be read and dropped; null while receiving. */
        private Throwable refusal;
        /** Bytes read and dropped since the refusal. */
        private long dropped;

        Reception(HttpServerExchange exchange, BodyHandler onBody, BodyFormat format, boolean gzip, long declared) {
            this.exchange = exchange;
            this.onBody = onBody;
            this.format = format;
            this.gzip = gzip;
            this.meter = BodyMeter.attach(exchange);
            this.watch = new BodyWatch(exchange, timeouts, this::expired);
            // One spare byte lets the end of a body of the declared length be seen without growing.
            this.buf = new byte[(int) Math.min(declared >= 0 ? declared + 1 : INITIAL_CAPACITY,
                    LARGEST_INITIAL_CAPACITY)];
        }

        void start() {
            watch.start();
            exchange.getRequestReceiver().receivePartialBytes(this::chunk, (ex, e) -> {
                if (refusal != null) {
                    answerRefusal();
                } else {
                    fail(e);
                }
            });
        }

        private void chunk(HttpServerExchange ex, byte[] data, boolean last) {
            if (finished) {
                return;
            }
            if (refusal != null) {
                watch.add(data.length);
                dropped += data.length;
                // A chunked body is dropped up to the cap and no further.
                if (last || length + dropped > limits.discardCap()) {
                    answerRefusal();
                }
                return;
            }
            try {
                if (data.length > 0) {
                    append(data);
                }
                if (last) {
                    finished = true;
                    watch.stop();
                    Body body = new Body(buf, length, format, gzip);
                    ex.dispatch(new ErrorMapper(worker -> onBody.handle(worker, body)));
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void append(byte[] data) {
            watch.add(data.length);
            meter.add(data.length);
            if ((long) length + data.length > limits.maxBodyBytes()) {
                throw HttpProblem.tooLarge("request body is larger than the limit of " + limits.maxBodyBytes()
                        + " bytes");
            }
            BudgetShare.reserve(exchange, data.length);
            if (length + data.length > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, length + data.length),
                        limits.maxBodyBytes() + 1));
            }
            System.arraycopy(data, 0, buf, length, data.length);
            length += data.length;
        }

        private void expired(BodyWatch.Expiry why) {
            metrics.recordSlowBody(why == BodyWatch.Expiry.TOO_SLOW);
            String message = why == BodyWatch.Expiry.TOO_SLOW
                    ? "the request body arrived slower than the minimum of " + timeouts.minBytesPerSecond()
                            + " bytes/s; send it faster or in smaller batches"
                    : "the request body did not arrive within " + BodyTimeouts.say(timeouts.total())
                            + "; send it faster or in smaller batches";
            if (refusal != null) {
                // Too slow to wait for: the refusal goes out at once and the connection is closed.
                answerRefusal();
                return;
            }
            fail(new HttpProblem(StatusCodes.REQUEST_TIME_OUT, message, Map.of()));
        }

        private void fail(Throwable t) {
            if (finished || refusal != null) {
                return;
            }
            buf = null;
            boolean clientCanAct = t instanceof HttpProblem p && p.status() != StatusCodes.REQUEST_TIME_OUT;
            if (clientCanAct && BodyDiscarder.worthDiscarding(exchange, limits.discardCap())) {
                refusal = t;
                return;
            }
            finished = true;
            watch.stop();
            exchange.getRequestReceiver().pause();
            ErrorMapper.answer(exchange, t);
        }

        private void answerRefusal() {
            finished = true;
            watch.stop();
            exchange.getRequestReceiver().pause();
            exchange.setPersistent(false);
            ErrorMapper.answer(exchange, refusal);
        }
    }

    private static BodyFormat format(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            // A browser can POST without a preflight only with no type or a form type: neither is read as events.
            throw unsupportedType("a Content-Type is required; send one of "
                    + String.join(", ", BodyFormats.ACCEPTED_MEDIA_TYPES));
        }
        return BodyFormats.fromContentType(contentType).orElseThrow(() -> unsupportedType("unsupported Content-Type '"
                + shorten(contentType) + "'; send one of " + String.join(", ", BodyFormats.ACCEPTED_MEDIA_TYPES)));
    }

    private static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw HttpProblem.unsupportedMediaType("unsupported Content-Encoding '"
                    + shorten(contentEncoding) + "'; send gzip or no encoding",
                    Map.of(Headers.ACCEPT_ENCODING, "gzip, identity"));
        };
    }

    private static HttpProblem unsupportedType(String message) {
        Map<HttpString, String> headers = Map.of(HttpString.tryFromString("Accept-Post"),
                String.join(", ", BodyFormats.ACCEPTED_MEDIA_TYPES));
        return HttpProblem.unsupportedMediaType(message, headers);
    }

    static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
