package com.vrooli.telemetry.cli;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The read token the CLI sends to a protected server, with words naming where it came from (for
 * messages: the token itself is never printed, logged or shown by {@link #toString()}).
 *
 * @param value  the token
 * @param origin where it came from, such as {@code --token-file /etc/telemetry/read-token}
 */
record ReadToken(String value, String origin) {

    /** The characters the server accepts in a token (see {@code ApiTokens} in telemetry-http); nothing else may reach a header. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    ReadToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        if (!SHAPE.matcher(value).matches()) {
            throw new CliException(CliException.USAGE, "the token from " + origin + " is not a token: it may hold"
                    + " only A-Z a-z 0-9 - . _ ~ + / and trailing =");
        }
    }

    /** The {@code Authorization} header's value. */
    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ReadToken[from " + origin + "]";
    }
}
