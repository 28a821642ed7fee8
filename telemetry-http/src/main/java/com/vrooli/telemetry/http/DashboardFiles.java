package com.vrooli.telemetry.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the dashboard: {@code /} (its page), {@code /ui/*} (its ES modules and style sheet) and
 * {@code /ui/vendor/*} (uPlot, read from the {@code org.webjars.npm:uplot} jar). Only the files
 * listed here exist; they are read from the classpath once, when the server starts. Every answer
 * carries a Content-Security-Policy that allows scripts, styles and requests to this origin only
 * (no inline script, no third party), so a string from an event that slipped into markup could
 * still not run. These paths are open without a token: the page holds no data, and signs in
 * itself to read the API. Immutable and thread-safe.
 */
final class DashboardFiles implements HttpHandler {

    /** The policy on every dashboard answer. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final String OWN = "com/vrooli/telemetry/http/dashboard/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final List<String> PAGES = List.of("app.js", "api.js", "dom.js", "state.js", "overview.js",
            "scenario.js", "charts.js", "events.js", "style.css");

    private final Map<String, Asset> assets;

    private DashboardFiles(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /**
     * Reads every dashboard file from the classpath.
     *
     * @throws UncheckedIOException when one is missing from the jar (a broken build)
     */
    static DashboardFiles load() {
        ClassLoader loader = DashboardFiles.class.getClassLoader();
        Map<String, Asset> assets = new HashMap<>();
        assets.put("/", read(loader, OWN + "index.html"));
        for (String name : PAGES) {
            assets.put("/ui/" + name, read(loader, OWN + name));
        }
        assets.put("/ui/vendor/uPlot.esm.js", read(loader, UPLOT + "uPlot.esm.js"));
        assets.put("/ui/vendor/uPlot.min.css", read(loader, UPLOT + "uPlot.min.css"));
        return new DashboardFiles(assets);
    }

    /** Whether a path (as router segments) is one of the dashboard's, served without a token. */
    static boolean isDashboardPath(List<String> segments) {
        return segments.isEmpty() || segments.get(0).equals("ui");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = "/" + String.join("/", Router.segments(exchange.getRequestPath()));
        Asset asset = assets.get(path.equals("/index.html") ? "/" : path);
        if (asset == null) {
            throw HttpProblem.notFound("no dashboard file " + (path.length() > 100 ? path.substring(0, 100) : path));
        }
        var headers = exchange.getResponseHeaders();
        headers.put(HttpString.tryFromString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        // Small files, revalidated each time, so an upgraded server never runs an old module.
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(Headers.CONTENT_TYPE, asset.contentType());
        exchange.setStatusCode(StatusCodes.OK);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            headers.put(Headers.CONTENT_LENGTH, asset.bytes().length);
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(asset.bytes()));
    }

    private static Asset read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("dashboard file " + resource + " is not in the jar"));
            }
            return new Asset(in.readAllBytes(), contentType(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }

    /** One file's bytes and type. */
    private record Asset(byte[] bytes, String contentType) {
    }
}
