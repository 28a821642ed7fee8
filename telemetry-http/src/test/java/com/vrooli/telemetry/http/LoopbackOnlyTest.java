package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vrooli.telemetry.core.InMemoryTelemetryStore;
import com.vrooli.telemetry.core.TelemetryStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without tokens the server listens on loopback only, unless told it may be insecure. */
class LoopbackOnlyTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(TelemetryServer.class);

    private final TelemetryStore store = InMemoryTelemetryStore.create();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    @DisplayName("binding every interface without tokens is refused when the server is built")
    void refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryServer.builder(store).port(0).bindAddress("0.0.0.0").build());
        assertEquals("refusing to listen on 0.0.0.0 without API tokens: anyone who can reach it could read and"
                + " write telemetry; configure tokens, bind a loopback address, or accept the risk explicitly"
                + " (--insecure)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "127.0.0.2"})
    void loopbackNeedsNoTokens(String address) {
        assertDoesNotThrow(() -> TelemetryServer.builder(store).port(0).bindAddress(address).build());
    }

    @Test
    @DisplayName("insecure(true) starts on every interface and logs a warning")
    void insecureWarns() {
        try (TelemetryServer server = TelemetryServer.builder(store).port(0).bindAddress("0.0.0.0").insecure(true)
                .build().start()) {
            assertEquals(1, log.messages().size(), log.messages().toString());
            String warning = log.messages().get(0);
            assertTrue(warning.startsWith("serving WITHOUT API tokens on http://") && warning.endsWith(":"
                    + server.port() + " (insecure): anyone who can reach it can read and write telemetry"), warning);
        }
    }

    @Test
    @DisplayName("with tokens any address is fine and nothing is logged")
    void tokensMakeItSafe() {
        try (TelemetryServer server = TelemetryServer.builder(store).port(0).bindAddress("0.0.0.0")
                .tokens(ApiTokens.builder().read("rd-0123456789abcdef").build()).build().start()) {
            assertTrue(server.port() > 0);
            assertEquals(List.of(), log.messages());
        }
    }
}
