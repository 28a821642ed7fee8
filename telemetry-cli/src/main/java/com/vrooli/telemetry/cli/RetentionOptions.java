package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.store.jsonl.RetentionPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code telemetry serve}'s retention flags, all off by default: per-scenario size and age limits
 * that rotate {@code {scenario}.jsonl} into numbered (optionally gzip'd) segments and delete the
 * oldest. Picocli fills the fields; {@link #policy()} turns them into the store's policy.
 */
final class RetentionOptions {

    @Option(names = "--retain-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Keep at most SIZE per scenario (live file and segments); the oldest segments are"
                    + " deleted (default: no limit).")
    Long retainBytes;

    @Option(names = "--retain-age", paramLabel = "AGE", converter = DurationArgument.Positive.class,
            description = "Delete segments whose last event was stored more than AGE ago, such as 30d or 12h"
                    + " (default: no limit).")
    Duration retainAge;

    @Option(names = "--segment-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Rotate {scenario}.jsonl into a numbered segment at SIZE (default: an eighth of"
                    + " --retain-bytes, else 64MiB when --retain-age is set; no rotation otherwise).")
    Long segmentBytes;

    @Option(names = "--gzip-segments", description = "Compress rotated segments with gzip ({scenario}.jsonl.N.gz).")
    boolean gzipSegments;

    /**
     * The policy the flags describe ({@link RetentionPolicy#none()} without any).
     *
     * @throws CliException (usage) when the values do not fit together
     */
    RetentionPolicy policy() {
        RetentionPolicy.Builder b = RetentionPolicy.builder().gzipSegments(gzipSegments);
        try {
            if (retainBytes != null) {
                b.maxBytes(retainBytes);
            }
            if (retainAge != null) {
                b.maxAge(retainAge);
            }
            if (segmentBytes != null) {
                b.segmentBytes(segmentBytes);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, flagWords(e.getMessage()), e);
        }
    }

    /** The store's words for its settings, in the flags' names. */
    private static String flagWords(String message) {
        return message.replace(", segmentBytes or segmentAge", " or --segment-bytes")
                .replace("maxBytes", "--retain-bytes").replace("maxAge", "--retain-age")
                .replace("segmentBytes", "--segment-bytes").replace("gzipSegments", "--gzip-segments");
    }

    /** How the start line describes the policy; empty when nothing is retained specially. */
    static String describe(RetentionPolicy policy) {
        if (!policy.rotates()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; segments of ").append(policy.segmentBytes()).append(" bytes");
        if (policy.gzipSegments()) {
            b.append(", gzip'd");
        }
        if (policy.maxBytes() > 0) {
            b.append(", at most ").append(policy.maxBytes()).append(" bytes");
        }
        if (policy.maxAge() != null) {
            b.append(", at most ").append(policy.maxAge()).append(" old");
        }
        return b.append(" per scenario").toString();
    }
}
