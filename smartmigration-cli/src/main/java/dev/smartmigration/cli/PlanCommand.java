package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plan}: what {@code migrate} would do. Takes no lock and writes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what migrate would do. Takes no lock and writes nothing.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptions target;

    @Mixin
    TargetOptions.FreshInstall freshInstall;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections connections = new Connections()) {
            MigrationConfig.Builder builder = target.apply(connection.configure(connections), TargetOptions.chain());
            print(MigrationRuntime.plan(freshInstall.apply(builder).build()), freshInstall.version,
                    spec.commandLine().getOut());
            return ExitCode.OK.value;
        }
    }

    static void print(MigrationResult plan, String freshInstallVersion, PrintWriter out) {
        String at = plan.currentVersionBefore() == null ? "none (new ledger)" : plan.currentVersionBefore();
        out.println("Data version: " + at + "   Target: " + plan.targetVersion());
        if (plan.ledgerAheadOfTarget()) {
            out.println("The data is ahead of the target: nothing would run.");
        } else if (plan.wasUpToDate()) {
            out.println("Up to date: nothing would run.");
        } else if (plan.wasFreshInstall()) {
            out.println("Fresh install: the ledger would be stamped at " + freshInstallVersion
                    + (plan.stepsSkipped().isEmpty() ? "." : ", then " + plan.stepsSkipped().size() + " step(s) would run:"));
        } else {
            out.println(plan.stepsSkipped().size() + " step(s) would run:");
        }
        Table table = new Table("Step", "From", "To");
        for (StepResult s : plan.stepsSkipped()) {
            table.row(s.id(), s.from(), s.to());
        }
        if (!plan.stepsSkipped().isEmpty()) {
            out.print(table.render());
        }
    }
}
