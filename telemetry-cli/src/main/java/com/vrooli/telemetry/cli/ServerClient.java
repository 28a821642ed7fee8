package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.EventPage;
import com.vrooli.telemetry.core.EventQuery;
import com.vrooli.telemetry.core.MalformedBodyException;
import com.vrooli.telemetry.core.ScenarioSummary;
import com.vrooli.telemetry.core.WireJson;
import com.vrooli.telemetry.http.EventQueryParams;
import com.vrooli.telemetry.http.Routes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The read endpoints of a telemetry server, over {@code java.net.http}. Every request accepts gzip
 * ({@code java.net.http} neither asks for nor inflates it), which the server uses for the
 * summaries of all scenarios, megabytes with a thousand of them. Failures become
 * {@link CliException}s a person can act on: an unreachable server (exit 3) names the address and
 * suggests {@code telemetry serve}; an error answer (exit 1) carries the server's own words; an
 * answer that is not what it says (bad gzip, an unknown coding) is an error too (exit 1). With a
 * {@link ReadToken} every request carries it; a 401 says how to give one (or that the one given was
 * refused), a 403 that it lacks read scope, both in plain words and without the token.
 */
final class ServerClient implements TelemetryReader {

    /** Largest inflated answer read (the summaries of 10,000 scenarios are about 25 MB); a bomb stops here. */
    static final int MAX_INFLATED = 256 * 1024 * 1024;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient client;
    private final ReadToken token;

    private ServerClient(String base, HttpClient client, ReadToken token) {
        this.base = base;
        this.client = client;
        this.token = token;
    }

    /**
     * A client for the server at {@code url}, such as {@code http://localhost:8080}, that sends
     * {@code token} (when given) as {@code Authorization: Bearer}.
     *
     * @throws CliException (usage) when the URL is not an http(s) address
     */
    static ServerClient connect(String url, Optional<ReadToken> token) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(url, "not an http or https address");
            }
        } catch (URISyntaxException e) {
            throw new CliException(CliException.USAGE, "--server must be an http(s) address such as"
                    + " http://localhost:8080, got '" + url + "'");
        }
        return new ServerClient(trimmed, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build(), token.orElse(null));
    }

    @Override
    public List<ScenarioSummary> summaries() {
        byte[] body = get(Routes.API).orElseThrow(() -> new CliException(CliException.ERROR,
                base + " answered 404 for " + Routes.API + "; is it a telemetry server?"));
        return read(() -> WireJson.readSummaries(body));
    }

    @Override
    public Optional<ScenarioSummary> summary(String scenario) {
        return get(Routes.API + "/" + segment(scenario)).map(body -> read(() -> WireJson.readSummary(body)));
    }

    @Override
    public EventPage query(EventQuery query) {
        return get(Routes.API + "/" + segment(query.scenario()) + "/events?" + EventQueryParams.toQueryString(query))
                .map(body -> read(() -> WireJson.readEventPage(body)))
                .orElse(EventPage.empty());
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads are daemons.
    }

    /** The body of a 2xx answer; empty for 404; a {@link CliException} for anything else. */
    private Optional<byte[]> get(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .GET();
        if (token != null) {
            builder.header("Authorization", token.header());
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(CliException.UNREACHABLE, "the telemetry server at " + base
                    + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw new CliException(CliException.UNREACHABLE, "lost the connection to the telemetry server at "
                    + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.INTERRUPTED, "interrupted", e);
        }
        int status = response.statusCode();
        byte[] body = decoded(response);
        if (status >= 200 && status < 300) {
            return Optional.of(body);
        }
        if (status == 404 && WireJson.readError(body) != null) {
            return Optional.empty();
        }
        if (status == 401) {
            throw new CliException(CliException.ERROR, unauthorized());
        }
        if (status == 403) {
            throw new CliException(CliException.ERROR, "the token from " + token.origin() + " may not read from the"
                    + " telemetry server at " + base + ": it lacks read scope (an upload token?); give a read token");
        }
        String message = WireJson.readError(body);
        throw new CliException(CliException.ERROR, "the telemetry server at " + base + " answered " + status
                + (message == null ? "" : ": " + message));
    }

    /** The body with its {@code Content-Encoding} undone: gzip inflated, identity (or none) as it is. */
    private byte[] decoded(HttpResponse<byte[]> response) {
        String coding = response.headers().firstValue("Content-Encoding").orElse("identity").trim();
        if (coding.equalsIgnoreCase("identity")) {
            return response.body();
        }
        if (!coding.equalsIgnoreCase("gzip") && !coding.equalsIgnoreCase("x-gzip")) {
            throw new CliException(CliException.ERROR, "unexpected answer from " + base + ": Content-Encoding '"
                    + coding + "', which was not asked for");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            byte[] inflated = in.readNBytes(MAX_INFLATED + 1);
            if (inflated.length > MAX_INFLATED) {
                throw new CliException(CliException.ERROR, "unexpected answer from " + base
                        + ": its gzip body inflates to more than " + MAX_INFLATED + " bytes");
            }
            return inflated;
        } catch (IOException e) {
            throw new CliException(CliException.ERROR, "unexpected answer from " + base + ": its gzip body is broken ("
                    + e.getMessage() + ")", e);
        }
    }

    /** What to do about a 401, in plain words; never the token. */
    private String unauthorized() {
        if (token == null) {
            return "the telemetry server at " + base + " needs a read token: give it with --token-file FILE,"
                    + " the " + ReadTokenOptions.VARIABLE + " environment variable or --token TOKEN";
        }
        return "the telemetry server at " + base + " refused the token from " + token.origin()
                + ": it is not one of the server's tokens";
    }

    private CliException unreachable(Exception e) {
        return new CliException(CliException.UNREACHABLE, "cannot reach the telemetry server at " + base
                + " \u2014 is `telemetry serve` running?", e);
    }

    private <T> T read(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (MalformedBodyException e) {
            throw new CliException(CliException.ERROR, "unexpected answer from " + base + ": " + e.getMessage(), e);
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
