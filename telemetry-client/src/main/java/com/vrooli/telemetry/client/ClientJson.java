package com.vrooli.telemetry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The client's one Jackson mapper, for bundle manifests and server answers. Thread-safe. */
final class ClientJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ClientJson() {
    }

    static JsonNode read(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }
}
