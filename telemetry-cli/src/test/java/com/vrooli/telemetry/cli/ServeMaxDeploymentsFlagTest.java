package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vrooli.telemetry.core.StoreLimits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code telemetry serve --max-deployments}: the store-wide cap on deployment rows, parsed by the
 * same mixin {@code serve} uses (what the cap does in a store is the store contract test's).
 */
class ServeMaxDeploymentsFlagTest {

    @Command(name = "serve")
    static final class Serve {
        @Mixin
        StoreLimitOptions storeLimits = new StoreLimitOptions();
    }

    private static StoreLimits parse(String... args) {
        Serve serve = new Serve();
        new CommandLine(serve).parseArgs(args);
        return serve.storeLimits.limits();
    }

    @Test
    @DisplayName("the flag becomes the store's maxDeployments, the other limits unchanged")
    void flagReachesTheLimits() {
        assertEquals(StoreLimits.defaults().withMaxDeployments(250), parse("--max-deployments", "250"));
    }

    @Test
    @DisplayName("without the flag the documented default holds")
    void defaultCap() {
        assertEquals(StoreLimits.DEFAULT_MAX_DEPLOYMENTS, parse().maxDeployments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    @DisplayName("a cap below one deployment is a usage error named by its flag")
    void belowOne(String value) {
        CliException e = assertThrows(CliException.class, () -> parse("--max-deployments", value));

        assertEquals(CliException.USAGE, e.exitCode());
        assertEquals("--max-deployments must be at least 1, got " + value, e.getMessage());
    }

    @Test
    @DisplayName("a cap that is not a number is refused by the parser")
    void notANumber() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--max-deployments", "many"));

        assertEquals("Invalid value for option '--max-deployments': 'many' is not an int", e.getMessage());
    }
}
