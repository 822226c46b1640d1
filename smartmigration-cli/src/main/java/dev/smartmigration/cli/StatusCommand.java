package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.MigrationRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: every step with its state, the data version and the lock holder. Reads only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every step with its state, the data version and the lock holder. Reads only.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections connections = new Connections()) {
            List<MigrationDefinition> chain = TargetOptions.chain();
            MigrationConfig config = target.apply(connection.configure(connections), chain).build();
            StatusReport report = StatusReport.of(chain, MigrationRuntime.status(config), config.targetVersion());
            spec.commandLine().getOut().print(report.render());
            return ExitCode.OK.value;
        }
    }
}
