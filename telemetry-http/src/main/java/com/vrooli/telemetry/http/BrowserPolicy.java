package com.vrooli.telemetry.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages and which {@code Host} names the server answers: the origins allowed to call it
 * cross-origin (with CORS headers), and the host names accepted besides loopback ones when the
 * server has no tokens. Immutable.
 *
 * @param allowedOrigins normalised {@code scheme://host[:port]} origins, lower case, default port dropped
 * @param allowedHosts   host names (no port), lower case
 */
record BrowserPolicy(Set<String> allowedOrigins, Set<String> allowedHosts) {

    BrowserPolicy {
        allowedOrigins = Set.copyOf(allowedOrigins);
        allowedHosts = Set.copyOf(allowedHosts);
    }

    /** No cross-origin caller and no host name beyond loopback ones. */
    static BrowserPolicy strict() {
        return new BrowserPolicy(Set.of(), Set.of());
    }

    /**
     * With one more allowed origin.
     *
     * @throws IllegalArgumentException unless {@code origin} is {@code http(s)://host[:port]} with nothing after
     */
    BrowserPolicy allowOrigin(String origin) {
        String normalised = normaliseOrigin(origin);
        if (normalised == null) {
            throw new IllegalArgumentException("an allowed origin must look like https://host or http://host:port,"
                    + " got '" + BodyReceiver.shorten(origin) + "'");
        }
        Set<String> more = new LinkedHashSet<>(allowedOrigins);
        more.add(normalised);
        return new BrowserPolicy(more, allowedHosts);
    }

    /**
     * With one more accepted host name.
     *
     * @throws IllegalArgumentException for a blank name or one with a port, path or spaces
     */
    BrowserPolicy allowHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !h.matches("[a-z0-9._-]+|\\[[0-9a-f:.]+\\]")) {
            throw new IllegalArgumentException("an allowed host must be a host name or address without a port, got '"
                    + BodyReceiver.shorten(String.valueOf(host)) + "'");
        }
        Set<String> more = new LinkedHashSet<>(allowedHosts);
        more.add(h);
        return new BrowserPolicy(allowedOrigins, more);
    }

    /** {@code scheme://host[:port]} in lower case without a default port; null when not an http(s) origin. */
    static String normaliseOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        try {
            URI u = new URI(origin.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                    && u.getRawFragment() == null && u.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || !bare) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
