package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keeps web browsers from being used against the server, before anything else looks at a request:
 * <ul>
 *   <li>without tokens, a {@code Host} that is not a loopback name or address, nor one allowed by
 *       {@link BrowserPolicy#allowedHosts()}, is refused (a page whose name was re-pointed at
 *       127.0.0.1 by DNS rebinding would otherwise be same-origin with the server);</li>
 *   <li>an {@code Origin} that is neither the server's own (the same host and port as
 *       {@code Host}: the dashboard it serves) nor an allowed one is refused, and so is
 *       {@code Sec-Fetch-Site: cross-site} without an allowed origin;</li>
 *   <li>an allowed origin gets CORS headers, and its preflight ({@code OPTIONS} with
 *       {@code Access-Control-Request-Method}) is answered here, before authentication, since
 *       browsers send preflights without credentials. No CORS header is ever sent otherwise.</li>
 * </ul>
 * Refusals are 403 in the JSON error shape. Immutable and thread-safe.
 */
final class BrowserGuard implements HttpHandler {

    private static final HttpString SEC_FETCH_SITE = HttpString.tryFromString("Sec-Fetch-Site");
    private static final HttpString REQUEST_METHOD = HttpString.tryFromString("Access-Control-Request-Method");
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    /** How long a browser may cache a preflight answer: short, so a removed origin is refused soon. */
    private static final String PREFLIGHT_SECONDS = "600";

    private final HttpHandler next;
    private final BrowserPolicy policy;
    private final boolean checkHost;

    /** @param checkHost whether {@code Host} is checked (a server without tokens on a loopback address) */
    BrowserGuard(HttpHandler next, BrowserPolicy policy, boolean checkHost) {
        this.next = Objects.requireNonNull(next, "next");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.checkHost = checkHost;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getRequestHeaders();
        String host = headers.getFirst(Headers.HOST);
        if (checkHost && host != null && !acceptedHost(hostName(host))) {
            throw forbidden("requests for host '" + BodyReceiver.shorten(host) + "' are refused: a server without"
                    + " API tokens answers loopback names only (allow a name with --allow-host)");
        }
        String origin = headers.getFirst(Headers.ORIGIN);
        String normalised = BrowserPolicy.normaliseOrigin(origin);
        // Set.copyOf's sets refuse contains(null): an origin that does not parse is simply not allowed.
        boolean allowed = normalised != null && policy.allowedOrigins().contains(normalised);
        if (origin != null && !allowed && !sameOrigin(origin, host)) {
            throw forbidden("requests from the web page of another site (Origin '" + BodyReceiver.shorten(origin)
                    + "') are refused; allow its origin with --allow-origin");
        }
        if (origin == null && "cross-site".equalsIgnoreCase(headers.getFirst(SEC_FETCH_SITE))) {
            throw forbidden("cross-site requests from web pages are refused");
        }
        if (allowed) {
            HeaderMap out = exchange.getResponseHeaders();
            out.put(ALLOW_ORIGIN, origin);
            out.add(Headers.VARY, "Origin");
            if (exchange.getRequestMethod().equals(Methods.OPTIONS) && headers.contains(REQUEST_METHOD)) {
                out.put(ALLOW_METHODS, "GET, HEAD, POST");
                out.put(ALLOW_HEADERS, "Authorization, Content-Type, Content-Encoding");
                out.put(MAX_AGE, PREFLIGHT_SECONDS);
                exchange.setStatusCode(StatusCodes.NO_CONTENT);
                exchange.endExchange();
                return;
            }
            out.put(EXPOSE_HEADERS, "Retry-After");
        }
        next.handleRequest(exchange);
    }

    private boolean acceptedHost(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
                || LOOPBACK_V4.matcher(name).matches() || policy.allowedHosts().contains(name);
    }

    /** The name or address of a {@code Host} value, without its port, in lower case. */
    private static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** Whether a page at {@code origin} is the server itself: its host and port are the request's {@code Host}. */
    private static boolean sameOrigin(String origin, String host) {
        String normalised = BrowserPolicy.normaliseOrigin(origin);
        if (normalised == null || host == null) {
            return false;
        }
        String authority = normalised.substring(normalised.indexOf("://") + 3);
        String h = host.trim().toLowerCase(Locale.ROOT);
        String defaultPort = normalised.startsWith("https:") ? ":443" : ":80";
        if (h.endsWith(defaultPort)) {
            h = h.substring(0, h.length() - defaultPort.length());
        }
        return authority.equals(h);
    }

    private static HttpProblem forbidden(String message) {
        return new HttpProblem(StatusCodes.FORBIDDEN, message, Map.of());
    }
}
