package dev.smartmigration.cli;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code migrate}: runs the pending steps, exactly as the application does at startup. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Run the pending steps under the lock, exactly as the application does at startup.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptions target;

    @Mixin
    TargetOptions.FreshInstall freshInstall;

    @Option(names = "--dry-run", description = "Plan only: take no lock, write nothing.")
    boolean dryRun;

    @Option(names = "--fail-if-edited", description = "Fail with exit code 7, before running anything, when an "
            + "applied step was edited, re-ranged or removed since it ran (failIfMigrationsEdited).")
    boolean failIfEdited;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections connections = new Connections()) {
            MigrationConfig.Builder builder = target.apply(connection.configure(connections), TargetOptions.chain());
            MigrationResult result = MigrationRuntime.run(freshInstall.apply(builder).dryRun(dryRun)
                    .failIfMigrationsEdited(failIfEdited).build());
            PrintWriter out = spec.commandLine().getOut();
            for (EditedStep e : result.editedSteps()) {
                out.println("warning: " + e.describe() + " (smartmigration status shows them; repair --accept-edits "
                        + "accepts them)");
            }
            if (dryRun) {
                PlanCommand.print(result, freshInstall.version, out);
            } else {
                for (StepResult s : result.stepsApplied()) {
                    out.println("applied " + s.id() + " (" + s.from() + " -> " + s.to() + ") in "
                            + StatusReport.formatDuration(s.duration()));
                }
                out.println(summary(result));
            }
            return ExitCode.OK.value;
        }
    }

    /**
     * The one-line outcome, e.g. {@code smartmigration: fresh -> 1.3.0 (4 steps in 180 ms)}.
     *
     * @param r a run's result
     * @return the line
     */
    static String summary(MigrationResult r) {
        String took = StatusReport.formatDuration(r.totalDuration());
        if (r.ledgerAheadOfTarget()) {
            return "smartmigration: data at " + r.currentVersionBefore() + " is ahead of target " + r.targetVersion()
                    + " (nothing run, " + took + ")";
        }
        if (r.wasUpToDate()) {
            return "smartmigration: " + r.currentVersionAfter() + " is current (no-op in " + took + ")";
        }
        String before = r.currentVersionBefore() == null ? "fresh" : r.currentVersionBefore();
        int n = r.stepsApplied().size();
        return "smartmigration: " + before + " -> " + r.currentVersionAfter() + " (" + n + (n == 1 ? " step" : " steps")
                + (r.wasFreshInstall() ? ", fresh install stamped" : "") + " in " + took + ")";
    }
}
