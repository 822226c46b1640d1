package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: prints {@code MigrationRuntime.info}. Reads only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every step with its state, the data version and the lock holder. Reads only.",
            "Exits with 1 when the chain cannot reach the target."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JudgedTarget target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connections connections = new Connections()) {
            MigrationConfig config = target.apply(connection.configure(connections)).build();
            MigrationInfo info = MigrationRuntime.info(config);
            spec.commandLine().getOut().print(StatusReport.render(info, config));
            return StatusReport.isProblem(info) ? ExitCode.of(ErrorCode.TARGET_NOT_REACHABLE).value : ExitCode.OK.value;
        }
    }
}
