package com.vrooli.telemetry.cli;

import com.vrooli.telemetry.core.TelemetryException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code telemetry} command line: {@code serve} runs the server, {@code summary} and
 * {@code logs} read what deployed apps reported, from a server or directly from files.
 *
 * <p>Exit codes: 0 success, 1 failure (for example an unknown scenario or an error answer), 2 wrong
 * usage, 3 server unreachable, 130 interrupted. After SIGTERM a running {@code serve} shuts down
 * gracefully and the JVM exits with 143 (128 + SIGTERM), as JVMs do.
 */
@Command(name = "telemetry", mixinStandardHelpOptions = true, versionProvider = TelemetryCli.Version.class,
        description = "Deployment telemetry: run the server, read what deployed apps report.",
        footer = {"", "Environment: API_PORT (default port, 8080 when unset), TELEMETRY_DIR (default directory),"
                + " NO_COLOR (plain output)."})
public final class TelemetryCli implements Runnable {

    @Spec
    private CommandSpec spec;

    private TelemetryCli() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        LoggingSetup.configure();
        System.exit(run(args, CliEnvironment.system(), new StoreFactory()));
    }

    /** Runs one command in {@code env} with {@code stores} for directories; returns its exit code. */
    static int run(String[] args, CliEnvironment env, StoreOpener stores) {
        CommandLine cli = new CommandLine(new TelemetryCli())
                .addSubcommand(new ServeCommand(env, stores))
                .addSubcommand(new SummaryCommand(env, stores))
                .addSubcommand(new LogsCommand(env, stores))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(100)
                .setParameterExceptionHandler(TelemetryCli::reportUsage)
                .setOut(env.out())
                .setErr(env.err())
                .setColorScheme(CommandLine.Help.defaultColorScheme(env.colour()
                        ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF))
                .setExecutionExceptionHandler((e, cmd, parsed) -> report(e, env.err()));
        int code = cli.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: serve, summary or logs");
    }

    private static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
        err.println("telemetry: " + TerminalText.escape(message));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            CommandLine.Help help = cmd.getHelp();
            err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        }
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        return CliException.USAGE;
    }

    private static int report(Exception e, PrintWriter err) {
        // Messages may quote a server's answer or a file's bytes: never print them raw.
        if (e instanceof CliException) {
            err.println("telemetry: " + TerminalText.escape(e.getMessage()));
            return ((CliException) e).exitCode();
        }
        if (e instanceof TelemetryException) {
            err.println("telemetry: " + TerminalText.escape(e.getMessage()));
            return CliException.ERROR;
        }
        if (e instanceof UncheckedIOException) {
            err.println("telemetry: cannot read: " + TerminalText.escape(String.valueOf(e.getCause().getMessage())));
            return CliException.ERROR;
        }
        err.println("telemetry: unexpected error: " + TerminalText.escape(String.valueOf(e)));
        e.printStackTrace(err);
        return CliException.ERROR;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TelemetryCli.class.getPackage().getImplementationVersion();
            return new String[] {"telemetry " + (v == null ? "(development build)" : v)};
        }
    }
}
