package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code plan}: what {@code migrate} would do. Takes no lock and writes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what migrate would do. Takes no lock and writes nothing.")
final class PlanCommand implements Callable<Integer>, Reporting {

    @Mixin
    AppOptions app;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptions target;

    @Mixin
    TargetOptions.FreshInstall freshInstall;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections opened = new Connections()) {
            AppOptions.Configured app = this.app.configure(connection, opened, spec.commandLine().getErr());
            MigrationResult plan = MigrationRuntime.plan(freshInstall.apply(target.apply(app.builder(), app.chain()))
                    .build());
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.print(JsonReport.result("plan", plan, true));
            } else {
                print(plan, freshInstall.version, out);
            }
            return ExitCode.OK.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
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
