package com.vrooli.telemetry.store.jsonl;

/**
 * What retention did since the store was opened, for logs and {@code /metrics}.
 *
 * @param rotations          live files sealed into segments
 * @param segmentsCompressed segments gzip'd
 * @param segmentsDeleted    segments deleted by the size or age limit
 * @param failures           retention steps that failed with an I/O error (each is retried on the next pass)
 * @param lastFailure        the latest failure in plain words, or null
 */
public record RetentionStats(long rotations, long segmentsCompressed, long segmentsDeleted, long failures,
                             String lastFailure) {
}
