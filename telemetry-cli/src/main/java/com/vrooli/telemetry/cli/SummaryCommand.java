package com.vrooli.telemetry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code telemetry summary}: each scenario's totals and failures. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Show each scenario's events, last event and failures by type.")
final class SummaryCommand implements Callable<Integer> {

    private final CliEnvironment env;
    private final StoreOpener stores;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (the API's answer).")
    SummaryPrinter.Format format;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SourceOptions source = new SourceOptions();

    @Mixin
    ReadTokenOptions tokens = new ReadTokenOptions();

    SummaryCommand(CliEnvironment env, StoreOpener stores) {
        this.env = env;
        this.stores = stores;
    }

    @Override
    public Integer call() {
        try (TelemetryReader reader = source.open(env, stores, tokens)) {
            new SummaryPrinter(format, env.out(), env.colour()).print(reader.summaries());
        }
        return 0;
    }
}
