package com.vrooli.telemetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.StoreLimits;
import com.vrooli.telemetry.core.TelemetryStore;
import com.vrooli.telemetry.http.LogCapture;
import com.vrooli.telemetry.testing.Await;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code telemetry serve --max-deployments}: the store-wide cap on deployment rows. */
class ServeMaxDeploymentsFlagTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(ServeCommand.class);

    @TempDir
    Path home;

    /** Records the limits it was asked to open with and serves from memory with them. */
    private static final class LimitsRecorder implements StoreOpener {
        volatile StoreLimits limits;

        @Override
        public TelemetryStore openForServing(StoreOptions options) {
            throw new AssertionError("serve passes its limits");
        }

        @Override
        public TelemetryStore openForServing(StoreOptions options, StoreLimits limits, int maxOpenFiles) {
            this.limits = limits;
            return InMemoryTelemetryStore.create(limits);
        }

        @Override
        public TelemetryStore openReadOnly(Path dir) {
            return InMemoryTelemetryStore.create();
        }
    }

    private StoreLimits limitsServedWith(String... flags) {
        LimitsRecorder stores = new LimitsRecorder();
        CliRunner cli = new CliRunner(home).stores(stores);
        String[] args = new String[flags.length + 5];
        System.arraycopy(new String[] {"serve", "--port", "0", "--dir", home.toString()}, 0, args, 0, 5);
        System.arraycopy(flags, 0, args, 5, flags.length);
        Thread serve = new Thread(() -> cli.run(args), "serve");
        serve.setDaemon(true);
        serve.start();
        Await.until("the start line", () -> !log.messages().isEmpty());
        cli.shutdownHooks().forEach(Runnable::run);
        return stores.limits;
    }

    @Test
    @DisplayName("the flag becomes the store's maxDeployments")
    void flagReachesTheStore() {
        assertEquals(250, limitsServedWith("--max-deployments", "250").maxDeployments());
    }

    @Test
    @DisplayName("without the flag the documented default holds")
    void defaultCap() {
        assertEquals(StoreLimits.DEFAULT_MAX_DEPLOYMENTS, limitsServedWith().maxDeployments());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0|telemetry: --max-deployments must be at least 1, got 0",
        "-5|telemetry: --max-deployments must be at least 1, got -5",
        "many|telemetry: Invalid value for option '--max-deployments': 'many' is not an int"})
    @DisplayName("a cap that makes no sense is a usage error")
    void usageErrors(String value, String message) {
        CliRunner.Result r = new CliRunner(home).stores(new LimitsRecorder())
                .run("serve", "--port", "0", "--dir", home.toString(), "--max-deployments", value);

        assertEquals(2, r.code(), r.err());
        assertEquals(message, r.err().lines().findFirst().orElseThrow());
    }
}
