package com.vrooli.telemetry.http;

import io.undertow.server.HttpServerExchange;

/**
 * Answers a refused upload only once its body has been read and thrown away, when that body is of
 * a bounded, declared size: answering and closing while the client is still sending makes the
 * kernel reset the connection, and the client then sees a broken pipe instead of the 413, 401 or
 * 503 it needs to act on (split the batch, fix the token, retry later). Nothing is kept or
 * reserved; the {@link BodyWatch} still cuts a slow sender off, and then the refusal is answered
 * at once. A chunked body is read up to the cap and answered there (a client still sending that
 * far past the limit may see the reset); a body declared past the cap is answered at once.
 * Undertow's own entity limit sits above the cap ({@link UploadLimits#entityLimit()}): when it
 * trips, Undertow shuts the read side and the answer is lost to the reset. Stateless.
 */
final class BodyDiscarder {

    private BodyDiscarder() {
    }

    /**
     * Whether the unread body of {@code exchange} is worth reading to deliver a refusal: chunked
     * (read up to {@code cap} bytes) or declared at most {@code cap} bytes.
     */
    static boolean worthDiscarding(HttpServerExchange exchange, long cap) {
        long declared = exchange.getRequestContentLength();
        return !exchange.isRequestComplete() && declared != 0 && declared <= cap && exchange.isInIoThread();
    }

    /**
     * Reads and drops the rest of the body on the IO thread, then answers {@code problem}; at once
     * when more than {@code cap} bytes of a chunked body have been read.
     */
    static void answerAfterBody(HttpServerExchange exchange, Throwable problem, BodyTimeouts timeouts, long cap) {
        long[] dropped = {0};
        boolean[] answered = {false};
        Runnable answer = () -> {
            if (!answered[0]) {
                answered[0] = true;
                // A refused client gets a fresh connection for its next try, as with any refusal.
                exchange.setPersistent(false);
                ErrorMapper.answer(exchange, problem);
            }
        };
        BodyWatch watch = new BodyWatch(exchange, timeouts, why -> {
            exchange.getRequestReceiver().pause();
            answer.run();
        });
        watch.start();
        exchange.getRequestReceiver().receivePartialBytes((ex, data, last) -> {
            watch.add(data.length);
            dropped[0] += data.length;
            if (last || dropped[0] > cap) {
                watch.stop();
                ex.getRequestReceiver().pause();
                answer.run();
            }
        }, (ex, e) -> {
            watch.stop();
            answer.run();
        });
    }
}
