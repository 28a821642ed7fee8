package com.vrooli.telemetry.http;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a registry in the format a scraper asks for, with the Prometheus client's own negotiation:
 * {@code application/openmetrics-text} when the {@code Accept} header lists it (as Prometheus does),
 * otherwise the text format 0.0.4 ({@code text/plain; version=0.0.4}, what curl and anything without an
 * {@code Accept} get). The protobuf format is not offered: its writer lives in a module we do not ship,
 * so a request for it gets the text format too.
 */
final class MetricsExposition {

    /** One written exposition and its {@code Content-Type}. */
    record Answer(String contentType, byte[] body) {
    }

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsExposition(PrometheusRegistry registry) {
        this.registry = registry;
    }

    Answer write(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to memory", e);
        }
        return new Answer(writer.getContentType(), out.toByteArray());
    }
}
