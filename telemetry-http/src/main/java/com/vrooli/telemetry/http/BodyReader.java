package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.BodyFormat;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an upload body within its limits, on a worker thread in blocking mode. Before reading:
 * an unsupported {@code Content-Type} or {@code Content-Encoding} is 415 and a
 * {@code Content-Length} above the limit is 413. While reading: the body as sent and, for gzip,
 * the body as decompressed are each cut off one byte past their limits with 413, whatever the
 * headers said (chunked bodies have no length to check up front). Stateless and thread-safe.
 */
final class BodyReader {

    private static final int INITIAL_CAPACITY = 8192;

    private final UploadLimits limits;

    BodyReader(UploadLimits limits) {
        this.limits = limits;
    }

    /** The body read so far and how it is framed. */
    record Body(byte[] bytes, int length, BodyFormat format, long wireBytes) {
    }

    Body read(HttpServerExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        BodyFormat format = BodyFormats.fromContentType(contentType).orElseThrow(() -> unsupportedType(contentType));
        boolean gzip = isGzip(exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING));
        long declared = exchange.getRequestContentLength();
        if (declared > limits.maxBodyBytes()) {
            throw HttpProblem.tooLarge("request body is " + declared + " bytes; the limit is "
                    + limits.maxBodyBytes() + " bytes");
        }
        LimitedInputStream wire = new LimitedInputStream(exchange.getInputStream(), limits.maxBodyBytes(),
                () -> HttpProblem.tooLarge("request body is larger than the limit of " + limits.maxBodyBytes()
                        + " bytes"));
        try {
            if (!gzip) {
                // One spare byte lets the end of a body of the declared length be seen without growing.
                int capacity = declared >= 0 ? (int) declared + 1 : INITIAL_CAPACITY;
                byte[] body = readAll(wire, capacity);
                return new Body(body, (int) wire.count(), format, wire.count());
            }
            LimitedInputStream inflated = new LimitedInputStream(new GZIPInputStream(wire, INITIAL_CAPACITY),
                    limits.maxDecompressedBytes(), () -> HttpProblem.tooLarge(
                            "decompressed request body is larger than the limit of "
                                    + limits.maxDecompressedBytes() + " bytes"));
            byte[] body = readAll(inflated, INITIAL_CAPACITY);
            return new Body(body, (int) inflated.count(), format, wire.count());
        } catch (RequestTooBigException e) {
            throw HttpProblem.tooLarge("request body is larger than the limit of " + limits.maxBodyBytes() + " bytes");
        } catch (ZipException | EOFException e) {
            if (gzip) {
                throw HttpProblem.badRequest("request body is not valid gzip data");
            }
            throw e;
        }
    }

    private static byte[] readAll(InputStream in, int initialCapacity) throws IOException {
        byte[] buf = new byte[Math.max(initialCapacity, 16)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return buf;
            }
            n += r;
        }
    }

    private static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (coding) {
            case "":
            case "identity":
                return false;
            case "gzip":
            case "x-gzip":
                return true;
            default:
                throw HttpProblem.unsupportedMediaType("unsupported Content-Encoding '" + shorten(contentEncoding)
                        + "'; send gzip or no encoding", Map.of(Headers.ACCEPT_ENCODING, "gzip, identity"));
        }
    }

    private static HttpProblem unsupportedType(String contentType) {
        Map<HttpString, String> headers = Map.of(HttpString.tryFromString("Accept-Post"),
                String.join(", ", BodyFormats.ACCEPTED_MEDIA_TYPES));
        return HttpProblem.unsupportedMediaType("unsupported Content-Type '" + shorten(contentType)
                + "'; send one of " + String.join(", ", BodyFormats.ACCEPTED_MEDIA_TYPES), headers);
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
