package com.vrooli.telemetry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@link SourceOptions} plus {@code --file}: one JSONL file read directly, in the stored line format
 * or as a bundle's runtime writes it (lines without a scenario, {@code ts}, {@code service_id}).
 */
final class LogSourceOptions extends SourceOptions {

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read one JSONL file directly, such as a bundle's local telemetry file"
                    + " (SCENARIO may then be left out).")
    Path file;

    /** Opens the chosen source; a file's lines without a scenario belong to {@code scenario} (null: show all). */
    TelemetryReader open(CliEnvironment env, StoreOpener stores, ReadTokenOptions tokens, String scenario) {
        if (file == null) {
            return open(env, stores, tokens);
        }
        refuseToken(tokens, "--file");
        return new FileEventReader(requireFile(file), scenario);
    }

    @Override
    String describe(CliEnvironment env) {
        return file != null ? file.toString() : super.describe(env);
    }
}
