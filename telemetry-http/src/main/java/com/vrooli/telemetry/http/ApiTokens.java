package com.vrooli.telemetry.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API tokens a server accepts as {@code Authorization: Bearer <token>}: upload tokens, each
 * optionally limited to scenario name patterns ({@code picker-*}), and read tokens for the query
 * endpoints and {@code /metrics}. A token listed as both may do both.
 *
 * <p>Only SHA-256 digests of the tokens are kept; a presented token is digested and compared with
 * every configured digest by {@link MessageDigest#isEqual}, so neither the position of the first
 * differing byte nor the token's length shows in the time taken. Tokens never appear in
 * {@link #toString()}, exceptions or logs. Immutable and thread-safe.
 */
public final class ApiTokens {

    /** Shortest token accepted: 16 characters (use 32 or more random ones, such as {@code openssl rand -hex 32}). */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** Longest token accepted. */
    public static final int MAX_TOKEN_LENGTH = 512;

    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final ApiTokens NONE = new ApiTokens(List.of());

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: authentication is off (and the server then listens on loopback only). */
    public static ApiTokens none() {
        return NONE;
    }

    /** A builder to which tokens are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether no token is configured. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many distinct tokens are configured. */
    public int size() {
        return entries.size();
    }

    /**
     * What the token in an {@code Authorization} header value may do; empty when the header is
     * absent, not a bearer token, or names no configured token. Time taken does not depend on
     * which token matched or how much of it did.
     */
    Optional<TokenGrant> authenticate(String authorization) {
        String token = bearerToken(authorization);
        if (token == null) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Entry found = null;
        for (Entry e : entries) {
            // No early exit: every digest is compared whatever matched before.
            if (MessageDigest.isEqual(presented, e.digest) && found == null) {
                found = e;
            }
        }
        return found == null ? Optional.empty() : Optional.of(found.grant);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = value.substring(space + 1).trim();
        return token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? null : token;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Checks a token's shape without ever putting the token in the message.
     *
     * @throws IllegalArgumentException when the token is too short, too long or has characters
     *                                  outside the bearer token alphabet
     */
    static void checkToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token must have at least " + MIN_TOKEN_LENGTH + " characters, got "
                    + token.length());
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token must have at most " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw new IllegalArgumentException("a token may hold only A-Z a-z 0-9 - . _ ~ + / and trailing =");
        }
    }

    /** How many tokens may upload. */
    public long uploadCount() {
        return entries.stream().filter(e -> e.grant.upload()).count();
    }

    /** How many tokens may read. */
    public long readCount() {
        return entries.stream().filter(e -> e.grant.read()).count();
    }

    /** Counts only; never a token. */
    @Override
    public String toString() {
        return "ApiTokens[" + uploadCount() + " upload, " + readCount() + " read]";
    }

    private static final class Entry {
        final byte[] digest;
        final TokenGrant grant;

        Entry(byte[] digest, TokenGrant grant) {
            this.digest = digest;
            this.grant = grant;
        }
    }

    /** Collects tokens; a token added twice gets the union of its rights. Not thread-safe. */
    public static final class Builder {
        private final List<byte[]> digests = new ArrayList<>();
        private final List<Boolean> read = new ArrayList<>();
        private final List<Set<ScenarioPattern>> upload = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds an upload token, limited to scenarios matching one of {@code scenarioPatterns}
         * ({@code *} any run of characters, {@code ?} one); none means every scenario.
         *
         * @throws IllegalArgumentException for a malformed token or pattern (the message never holds the token)
         */
        public Builder upload(String token, String... scenarioPatterns) {
            return upload(token, Arrays.asList(scenarioPatterns));
        }

        /** As {@link #upload(String, String...)}, with the patterns in a list. */
        public Builder upload(String token, List<String> scenarioPatterns) {
            checkToken(token);
            List<ScenarioPattern> patterns = new ArrayList<>();
            for (String p : scenarioPatterns) {
                patterns.add(new ScenarioPattern(Objects.requireNonNull(p, "scenario pattern")));
            }
            if (patterns.isEmpty()) {
                patterns.add(ScenarioPattern.ANY);
            }
            upload.get(slot(token)).addAll(patterns);
            return this;
        }

        /**
         * Adds a read token: the query endpoints and {@code /metrics}.
         *
         * @throws IllegalArgumentException for a malformed token (the message never holds the token)
         */
        public Builder read(String token) {
            checkToken(token);
            read.set(slot(token), true);
            return this;
        }

        /** Adds every token of {@code other}. */
        Builder addAll(ApiTokens other) {
            for (Entry e : other.entries) {
                int i = slot(e.digest);
                read.set(i, read.get(i) || e.grant.read());
                upload.get(i).addAll(e.grant.uploadScenarios());
            }
            return this;
        }

        private int slot(String token) {
            return slot(sha256(token));
        }

        private int slot(byte[] digest) {
            for (int i = 0; i < digests.size(); i++) {
                if (MessageDigest.isEqual(digests.get(i), digest)) {
                    return i;
                }
            }
            digests.add(digest);
            read.add(false);
            upload.add(new LinkedHashSet<>());
            return digests.size() - 1;
        }

        /** The tokens added so far. */
        public ApiTokens build() {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < digests.size(); i++) {
                entries.add(new Entry(digests.get(i), new TokenGrant(i, read.get(i), List.copyOf(upload.get(i)))));
            }
            return entries.isEmpty() ? NONE : new ApiTokens(entries);
        }
    }
}
