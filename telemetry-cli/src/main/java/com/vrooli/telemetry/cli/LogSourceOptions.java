package com.vrooli.telemetry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@link SourceOptions} plus {@code --file}: one JSONL file in the stored line format, read directly. */
final class LogSourceOptions extends SourceOptions {

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read one JSONL file directly, such as a bundle's local telemetry file.")
    Path file;

    @Override
    TelemetryReader open(CliEnvironment env, StoreOpener stores) {
        return file != null ? new FileEventReader(requireFile(file)) : super.open(env, stores);
    }

    @Override
    String describe(CliEnvironment env) {
        return file != null ? file.toString() : super.describe(env);
    }
}
