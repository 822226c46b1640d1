package dev.smartmigration.cli;

import dev.smartmigration.runtime.SmartMigrationException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator CLI: {@code smartmigration status | plan | migrate | validate | repair | unlock}.
 *
 * <p>The published jar is executable and holds both store clients; {@code --app} names the application's jar (or
 * class path), where the generated migration chain and the migrations are:
 *
 * <pre>
 * java -jar smartmigration-cli.jar status --app app.jar --mongo-uri mongodb://db.internal:27017 --database appdb
 * </pre>
 *
 * <p>Exit codes: 0 done, 1 a coded error, 2 bad command line, 3 lock held or unlock/repair not confirmed, 4 a step
 * failed, 5 corrupt ledger, 6 store unreachable, 7 an applied step edited since it ran, 8 a fleet's tenant did not
 * reach the target (docs/operations.md).
 */
@Command(name = "smartmigration", mixinStandardHelpOptions = true, versionProvider = SmartMigrationCli.Version.class,
        description = "Inspect and run an application's smartmigration chain.",
        subcommands = {StatusCommand.class, PlanCommand.class, MigrateCommand.class, ValidateCommand.class,
            RepairCommand.class, UnlockCommand.class, AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done", "1:a coded error (the message names its code)", "2:bad command line",
            "3:lock held by another instance, or unlock/repair not confirmed",
            "4:a step failed (recorded in the ledger)", "5:the ledger is corrupt or foreign (left untouched)",
            "6:the ledger's store could not be reached",
            "7:an applied step was edited, re-ranged or removed since it ran (validate, migrate --fail-if-edited)",
            "8:a fleet's tenant did not reach the target (each is listed; the others did)"})
public final class SmartMigrationCli {

    private SmartMigrationCli() {
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err, System.in));
    }

    /**
     * Runs the CLI without exiting, for embedding and tests.
     *
     * @param args the command line
     * @param out  where reports go
     * @param err  where errors go
     * @param in   where confirmations are read from
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
        CommandLine cli = new CommandLine(new SmartMigrationCli(), new Factory(
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli hides its completion command by default; operators should find it in --help.
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script for 'smartmigration':",
                        "  source <(smartmigration generate-completion)");
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE.value
                : e instanceof SmartMigrationException sme ? ExitCode.of(sme.code()).value : ExitCode.FAILED.value);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int exitCode;
            String message;
            if (e instanceof SmartMigrationException sme) {
                message = OperatorMessages.of(sme);
                exitCode = ExitCode.of(sme.code()).value;
                commandLine.getErr().println(message);
            } else {
                message = "smartmigration: unexpected error: " + e;
                exitCode = ExitCode.FAILED.value;
                commandLine.getErr().println(message);
                e.printStackTrace(commandLine.getErr());
            }
            if (commandLine.getCommand() instanceof Reporting reporting && reporting.output().json()) {
                commandLine.getOut().print(JsonReport.error(commandLine.getCommandName(), e, message, exitCode));
            }
            return exitCode;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Gives commands the shared confirmation reader. */
    private static final class Factory implements CommandLine.IFactory {
        private final BufferedReader confirmations;

        Factory(BufferedReader confirmations) {
            this.confirmations = confirmations;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == UnlockCommand.class) {
                return type.cast(new UnlockCommand(confirmations));
            }
            if (type == RepairCommand.class) {
                return type.cast(new RepairCommand(confirmations));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** Prints the CLI's version from its jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SmartMigrationCli.class.getPackage().getImplementationVersion();
            return new String[] {"smartmigration " + (v == null ? "(development build)" : v)};
        }
    }
}
