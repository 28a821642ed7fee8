package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryEvent;
import com.vrooli.telemetry.http.ServerExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source contract over a running server with the JSONL store ({@code --server}). */
class ServerLogSourceTest extends LogSourceContract {

    @RegisterExtension
    final ServerExtension server = ServerExtension.jsonl();

    @Override
    void append(List<TelemetryEvent> events) {
        server.store().append(events);
    }

    @Override
    TelemetryReader open() {
        return ServerClient.connect(server.server().uri().toString(), Optional.empty());
    }
}
