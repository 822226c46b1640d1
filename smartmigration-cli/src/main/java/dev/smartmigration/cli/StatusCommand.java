package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.FleetInfo;
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
            "Exits with 1 when the chain cannot reach the target.",
            "With --fleet: how many tenants are at each version, which failed, which hold a lock; exits with 1 when "
                    + "a tenant cannot be read or its target reached."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JudgedTarget target;

    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fleet.enabled()) {
            return fleetStatus();
        }
        try (Connections connections = new Connections()) {
            MigrationConfig config = target.apply(connection.configure(connections)).build();
            MigrationInfo info = MigrationRuntime.info(config);
            spec.commandLine().getOut().print(StatusReport.render(info, config));
            return StatusReport.isProblem(info) ? ExitCode.of(ErrorCode.TARGET_NOT_REACHABLE).value : ExitCode.OK.value;
        }
    }

    private int fleetStatus() {
        try (Connections connections = new Connections()) {
            FleetInfo info = MigrationRuntime.infoFleet(fleet.build(connection.open(connections),
                    target::apply, null));
            spec.commandLine().getOut().print(FleetReport.status(info));
            return FleetReport.isProblem(info) ? ExitCode.FAILED.value : ExitCode.OK.value;
        }
    }
}
