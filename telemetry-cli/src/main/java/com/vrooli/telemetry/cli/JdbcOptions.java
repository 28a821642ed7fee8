package com.vrooli.telemetry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the PostgreSQL store is: {@code --jdbc-url} (else {@code TELEMETRY_JDBC_URL}) and the
 * credentials, from the URL's parameters, the environment ({@code TELEMETRY_JDBC_USER} /
 * {@code TELEMETRY_JDBC_PASSWORD}, else {@code PGUSER} / {@code PGPASSWORD}) or
 * {@code --jdbc-password-file}. The password is never printed.
 */
final class JdbcOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:postgresql://HOST[:PORT]/DB of the PostgreSQL store (default: $TELEMETRY_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE",
            description = "Read the database password from FILE (default: $TELEMETRY_JDBC_PASSWORD, else"
                    + " $PGPASSWORD, else the URL's).")
    Path passwordFile;

    boolean isSet() {
        return jdbcUrl != null || passwordFile != null;
    }

    /**
     * The PostgreSQL store's options.
     *
     * @param needs how the usage error for a missing URL starts, such as {@code --store postgres}
     * @throws CliException (usage) when there is no URL or it is not a PostgreSQL one; (error)
     *                      when the password file cannot be read
     */
    StoreOptions.Postgres postgres(CliEnvironment env, String needs, Duration retention) {
        String url = jdbcUrl != null ? jdbcUrl : env.variable("TELEMETRY_JDBC_URL");
        if (url == null) {
            throw new CliException(CliException.USAGE, needs + " needs --jdbc-url or $TELEMETRY_JDBC_URL");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new CliException(CliException.USAGE, "--jdbc-url must start with jdbc:postgresql:, got '"
                    + JdbcUrls.withoutParameters(url) + "'");
        }
        String user = first(env.variable("TELEMETRY_JDBC_USER"), env.variable("PGUSER"));
        return new StoreOptions.Postgres(url, user, password(env), retention);
    }

    private String password(CliEnvironment env) {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new CliException(CliException.ERROR, "cannot read --jdbc-password-file " + passwordFile + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }
        return first(env.variable("TELEMETRY_JDBC_PASSWORD"), env.variable("PGPASSWORD"));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
