package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code validate}: {@code MigrationRuntime.validate}, for a CI pipeline. Reads only. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check that the code still matches what the ledger records as applied: no applied step edited,",
            "re-ranged or removed since it ran, and the target reachable. Reads only; for a CI pipeline.",
            "Exits with 7 when a step was edited, 1 when the target cannot be reached."})
final class ValidateCommand implements Callable<Integer>, Reporting {

    @Mixin
    AppOptions app;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JudgedTarget target;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections opened = new Connections()) {
            MigrationConfig config = target.apply(app.configure(connection, opened, spec.commandLine().getErr())
                    .builder()).build();
            MigrationInfo info = MigrationRuntime.validate(config);
            List<String> applied = new ArrayList<>();
            List<String> notCompared = new ArrayList<>();
            for (StepInfo s : info.steps()) {
                if (s.state() == StepState.APPLIED) {
                    applied.add(s.id());
                    if (!compared(s)) {
                        notCompared.add(s.id());
                    }
                }
            }
            if (output.json()) {
                spec.commandLine().getOut().print(JsonReport.validate(info, config, applied, notCompared));
                return ExitCode.OK.value;
            }
            long unknown = notCompared.size();
            spec.commandLine().getOut().println("Valid: the " + applied.size() + " applied step(s) match the code"
                    + (unknown == 0 ? "" : " (" + unknown + " without a fingerprint on one side, which cannot be "
                    + "compared)") + "; data version " + info.currentVersion().orElse("none (new ledger)")
                    + ", target " + info.targetVersion().orElse("none") + ", " + info.pending().size()
                    + " step(s) pending.");
            return ExitCode.OK.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }

    /** @return whether the step's code and the code it ran with both have a fingerprint */
    private static boolean compared(StepInfo s) {
        return s.fingerprint().isPresent()
                && s.attempts().stream().filter(a -> a.status() != StepAttempt.Status.FAILED)
                        .reduce((first, second) -> second).flatMap(StepAttempt::fingerprint).isPresent();
    }
}
