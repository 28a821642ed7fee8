package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "gzip|true",
        "GZip|true",
        "gzip, deflate, br|true",
        "deflate, gzip;q=0.5|true",
        "x-gzip|true",
        "gzip;q=0|false",
        "gzip; q=0.000|false",
        "gzip;q=nonsense|false",
        "gzip;q=2|false",
        "*|true",
        "*;q=0|false",
        "*, gzip;q=0|false",
        "gzip;q=0, *|false",
        "identity|false",
        "br, deflate|false",
        "''|false",
    })
    void gzipAccepted(String header, boolean accepted) {
        assertEquals(accepted, AcceptEncoding.acceptsGzip(List.of(header)));
    }

    @org.junit.jupiter.api.Test
    void absentOrSplitOverHeaders() {
        assertEquals(false, AcceptEncoding.acceptsGzip(null));
        assertEquals(true, AcceptEncoding.acceptsGzip(List.of("br", "gzip")));
        assertEquals(false, AcceptEncoding.acceptsGzip(List.of("gzip", "gzip;q=0")));
    }
}
