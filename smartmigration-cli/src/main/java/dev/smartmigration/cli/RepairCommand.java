package dev.smartmigration.cli;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code repair --accept-edits}: {@code MigrationRuntime.acceptEdits}, after confirmation. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"With --accept-edits: accept the code as it is now for every applied step it no longer matches",
            "(edited, re-ranged or removed since it ran), recorded in the ledger's history with who and when.",
            "Only when the change is intended and the data is right: a fresh install runs the code as it is now."})
final class RepairCommand implements Callable<Integer>, Reporting {

    @Mixin
    AppOptions app;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--accept-edits", description = "Accept the edited, re-ranged and removed applied steps.")
    boolean acceptEdits;

    @Option(names = "--by", paramLabel = "NAME",
            description = "Who accepts them, as the ledger records it (default: the user name, ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.name}")
    String by;

    @Mixin
    Confirmation confirmation;

    @Spec
    CommandSpec spec;

    private final BufferedReader confirmations;

    RepairCommand(BufferedReader confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public Integer call() {
        if (!acceptEdits) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "repair needs --accept-edits: it is the "
                    + "only repair there is (smartmigration repair --accept-edits).");
        }
        confirmation.requireYesForJson("repair", output);
        try (Connections opened = new Connections()) {
            MigrationConfig config = app.configure(connection, opened, spec.commandLine().getErr()).builder()
                    .owner(by + " via smartmigration-cli@" + MigrationConfig.defaultOwner()).build();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.print(JsonReport.repair(config, MigrationRuntime.acceptEdits(config)));
                return ExitCode.OK.value;
            }
            List<EditedStep> edited = MigrationRuntime.info(config).editedSteps();
            if (edited.isEmpty()) {
                List<EditedStep> none = MigrationRuntime.acceptEdits(config);
                out.println(none.isEmpty() ? "Every applied step matches the code: nothing to accept."
                        : "Accepted " + none.size() + " step(s) changed in the meantime.");
                return ExitCode.OK.value;
            }
            out.println("The code no longer matches " + edited.size() + " applied step(s):");
            edited.forEach(e -> out.println("  " + e.describe()));
            if (!confirmation.confirmed(out, confirmations, "Accept the code as it is now for them?")) {
                out.println("Not confirmed: nothing was recorded.");
                return ExitCode.LOCK_NOT_OBTAINED.value;
            }
            List<EditedStep> accepted = MigrationRuntime.acceptEdits(config);
            out.println("Accepted " + accepted.size() + " step(s) as they are in the code now, recorded in ledger \""
                    + config.ledgerName() + "\" as accepted by " + config.owner() + ".");
            return ExitCode.OK.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
