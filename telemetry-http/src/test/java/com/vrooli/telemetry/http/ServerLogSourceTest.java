package com.vrooli.telemetry.http;

import com.vrooli.telemetry.core.TelemetryEvent;
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
        return ServerApi.connect(server.server().uri().toString(), Optional.empty());
    }
}
