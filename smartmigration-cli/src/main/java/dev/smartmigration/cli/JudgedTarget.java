package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationConfig;
import picocli.CommandLine.Option;

/** {@code --target} of the commands that only read: the version to judge the steps against, if not the chain's end. */
final class JudgedTarget {

    @Option(names = "--target", paramLabel = "VERSION",
            description = "The version to judge the steps against (default: the end of the chain).")
    String target;

    /** @return {@code builder}, with the target when one was given */
    MigrationConfig.Builder apply(MigrationConfig.Builder builder) {
        return target == null ? builder : builder.targetVersion(target);
    }
}
