package dev.smartmigration.cli;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationChain;
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
        description = {"Run the pending steps under the lock, exactly as the application does at startup.",
            "With --fleet: every tenant, sharing the work with any instance doing the same; exits with 8 when a "
                    + "tenant did not reach the target (each is listed)."})
final class MigrateCommand implements Callable<Integer>, Reporting {

    @Mixin
    AppOptions app;

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

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fleet.enabled()) {
            return migrateFleet();
        }
        try (Connections opened = new Connections()) {
            AppOptions.Configured app = this.app.configure(connection, opened, spec.commandLine().getErr());
            MigrationResult result = MigrationRuntime.run(freshInstall.apply(target.apply(app.builder(), app.chain()))
                    .dryRun(dryRun).failIfMigrationsEdited(failIfEdited).build());
            PrintWriter out = spec.commandLine().getOut();
            // With --output json, stdout holds the report only (editedSteps lists them there).
            PrintWriter warnings = output.json() ? spec.commandLine().getErr() : out;
            for (EditedStep e : result.editedSteps()) {
                warnings.println("warning: " + e.describe() + " (smartmigration status shows them; repair "
                        + "--accept-edits accepts them)");
            }
            if (output.json()) {
                out.print(JsonReport.result("migrate", result, dryRun));
            } else if (dryRun) {
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

    private int migrateFleet() {
        PrintWriter out = spec.commandLine().getOut();
        try (Connections opened = new Connections()) {
            MigrationChain chain = app.chain(opened, spec.commandLine().getErr());
            // With --output json, stdout holds the report only: the progress lines go to stderr.
            FleetResult result = MigrationRuntime.runFleet(fleet.build(connection.open(opened),
                    builder -> freshInstall.apply(target.apply(builder.chain(chain), chain)).dryRun(dryRun)
                            .failIfMigrationsEdited(failIfEdited),
                    FleetReport.progress(output.json() ? spec.commandLine().getErr() : out)));
            if (output.json()) {
                out.print(JsonReport.fleetResult(result, dryRun));
            } else {
                out.println(FleetReport.summary(result));
            }
            return result.failed().isEmpty() ? ExitCode.OK.value : ExitCode.FLEET_FAILED.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
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
