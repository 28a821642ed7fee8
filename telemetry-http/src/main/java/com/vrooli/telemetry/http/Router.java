package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a request to one route by path and method. Paths are {@code /}-separated segments,
 * literal or {@code {name}} parameters; when several patterns match a path, the one with the most
 * literal segments wins, so {@code GET /api/v1/telemetry/upload} is a 405 of the upload route, not
 * the summary of a scenario called "upload". Unknown paths are 404 and known paths with another
 * method are 405 with {@code Allow}. The route's name is attached to the exchange for metrics.
 * Immutable and thread-safe.
 */
final class Router implements HttpHandler {

    /** The matched route's name, for metrics; absent when nothing matched. */
    static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);
    /** Route name recorded for requests that matched no route. */
    static final String UNMATCHED = "unmatched";

    private static final AttachmentKey<PathParams> PARAMS = AttachmentKey.create(PathParams.class);

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    static Builder builder() {
        return new Builder();
    }

    /** A path parameter of the matched route. */
    static String param(HttpServerExchange exchange, String name) {
        PathParams params = exchange.getAttachment(PARAMS);
        String value = params == null ? null : params.values().get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /**
     * The name of the route a request would be dispatched to (or whose 405 it would get), without
     * dispatching it; {@value #UNMATCHED} when no path matches. Lets guards in front of the router
     * label what they refuse.
     */
    String routeName(HttpServerExchange exchange) {
        List<Route> candidates = candidates(segments(exchange.getRequestPath()));
        if (candidates.isEmpty()) {
            return UNMATCHED;
        }
        for (Route r : candidates) {
            if (r.accepts(exchange.getRequestMethod())) {
                return r.name();
            }
        }
        return candidates.get(0).name();
    }

    private List<Route> candidates(List<String> segments) {
        int best = -1;
        List<Route> candidates = new ArrayList<>();
        for (Route r : routes) {
            int score = r.literalCount();
            if (score >= best && r.matches(segments)) {
                if (score > best) {
                    candidates.clear();
                    best = score;
                }
                candidates.add(r);
            }
        }
        return candidates;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        List<String> segments = segments(exchange.getRequestPath());
        List<Route> candidates = candidates(segments);
        if (candidates.isEmpty()) {
            exchange.putAttachment(ROUTE, UNMATCHED);
            throw HttpProblem.notFound("unknown endpoint: " + exchange.getRequestMethod() + " "
                    + shorten(exchange.getRequestPath()));
        }
        HttpString method = exchange.getRequestMethod();
        for (Route r : candidates) {
            if (r.accepts(method)) {
                exchange.putAttachment(ROUTE, r.name());
                exchange.putAttachment(PARAMS, new PathParams(r.params(segments)));
                r.handler().handleRequest(exchange);
                return;
            }
        }
        exchange.putAttachment(ROUTE, candidates.get(0).name());
        Set<String> allowed = new TreeSet<>();
        candidates.forEach(r -> r.methods().forEach(m -> allowed.add(m.toString())));
        String allow = String.join(", ", allowed);
        throw new HttpProblem(StatusCodes.METHOD_NOT_ALLOWED, "method " + shorten(method.toString())
                + " is not allowed on " + shorten(exchange.getRequestPath()) + "; use " + allow,
                Map.of(Headers.ALLOW, allow));
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** One route: a name, the methods it answers and a path pattern. */
    record Route(String name, Set<HttpString> methods, List<String> pattern, HttpHandler handler) {

        Route {
            Objects.requireNonNull(name, "name");
            methods = Set.copyOf(methods);
            pattern = List.copyOf(pattern);
            Objects.requireNonNull(handler, "handler");
        }

        int literalCount() {
            return (int) pattern.stream().filter(s -> !isPlaceholder(s)).count();
        }

        boolean matches(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                if (!isPlaceholder(pattern.get(i)) && !pattern.get(i).equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        boolean accepts(HttpString method) {
            return methods.contains(method);
        }

        Map<String, String> params(List<String> segments) {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String p = pattern.get(i);
                if (isPlaceholder(p)) {
                    params.put(p.substring(1, p.length() - 1), segments.get(i));
                }
            }
            return params;
        }

        private static boolean isPlaceholder(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }

    /** Collects routes; not thread-safe. */
    static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        /** A GET route (HEAD is answered too, without a body). */
        Builder get(String name, String path, HttpHandler handler) {
            routes.add(new Route(name, Set.of(Methods.GET, Methods.HEAD), segments(path), handler));
            return this;
        }

        Builder post(String name, String path, HttpHandler handler) {
            routes.add(new Route(name, Set.of(Methods.POST), segments(path), handler));
            return this;
        }

        Router build() {
            return new Router(routes);
        }
    }

    /** The values of a matched route's path parameters. */
    private record PathParams(Map<String, String> values) {
    }
}
