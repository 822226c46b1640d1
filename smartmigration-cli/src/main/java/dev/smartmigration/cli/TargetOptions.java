package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --target}, defaulting to the end of the application's generated chain. */
final class TargetOptions {

    @Option(names = "--target", paramLabel = "VERSION",
            description = "The version the data should be at (default: the end of the chain).")
    String target;

    /**
     * Sets the target on a configuration.
     *
     * @param builder a configuration being built
     * @param chain   the application's chain
     * @return {@code builder}
     */
    MigrationConfig.Builder apply(MigrationConfig.Builder builder, MigrationChain chain) {
        if (target != null) {
            return builder.targetVersion(target);
        }
        List<MigrationDefinition> steps = chain.steps();
        if (steps.isEmpty()) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "the chain has no steps, so there is no default target: give --target.");
        }
        return builder.targetVersion(steps.get(steps.size() - 1).to());
    }

    /** {@code --fresh-install-version}, for the commands that plan or run. */
    static final class FreshInstall {

        @Option(names = "--fresh-install-version", paramLabel = "VERSION",
                description = "Stamp this version instead of running the steps before it when the ledger is new "
                        + "and the stores are empty.")
        String version;

        MigrationConfig.Builder apply(MigrationConfig.Builder builder) {
            return version == null ? builder : builder.freshInstallVersion(version);
        }
    }
}
