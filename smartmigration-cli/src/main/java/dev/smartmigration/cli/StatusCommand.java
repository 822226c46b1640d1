package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.FleetInfo;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import java.io.PrintWriter;
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
final class StatusCommand implements Callable<Integer>, Reporting {

    @Mixin
    AppOptions app;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JudgedTarget target;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fleet.enabled()) {
            return fleetStatus();
        }
        try (Connections opened = new Connections()) {
            PrintWriter out = spec.commandLine().getOut();
            MigrationConfig config = target.apply(app.configure(connection, opened, spec.commandLine().getErr())
                    .builder()).build();
            MigrationInfo info = MigrationRuntime.info(config);
            out.print(output.json() ? JsonReport.status(info, config) : StatusReport.render(info, config));
            return StatusReport.isProblem(info) ? ExitCode.of(ErrorCode.TARGET_NOT_REACHABLE).value : ExitCode.OK.value;
        }
    }

    private int fleetStatus() {
        try (Connections opened = new Connections()) {
            MigrationChain chain = app.chain(opened, spec.commandLine().getErr());
            FleetInfo info = MigrationRuntime.infoFleet(fleet.build(connection.open(opened),
                    builder -> target.apply(builder.chain(chain)), null));
            spec.commandLine().getOut().print(output.json() ? JsonReport.fleetStatus(info) : FleetReport.status(info));
            return FleetReport.isProblem(info) ? ExitCode.FAILED.value : ExitCode.OK.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
