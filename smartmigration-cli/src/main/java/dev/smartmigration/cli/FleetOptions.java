package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationListener;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --fleet} and its options, for {@code status} and {@code migrate}: every tenant of a fleet, each with its own
 * database, key prefix or ledger, named by {@value ConnectionOptions#TENANT} in {@code --database},
 * {@code --key-prefix} or {@code --ledger}.
 */
final class FleetOptions {

    @Option(names = "--fleet", description = {"Act on every tenant of a fleet: {tenant} in --database, --key-prefix "
            + "or --ledger stands for each tenant's id, e.g. --database 'tenant_{tenant}'. The tenants are found in "
            + "the store (databases --database '<prefix>{tenant}', or folders --key-prefix '<parent>{tenant}/') "
            + "unless --tenants or --tenants-file lists them."})
    boolean fleet;

    @Option(names = "--tenants", split = ",", paramLabel = "ID", description = "The fleet's tenants, comma-separated.")
    List<String> tenants;

    @Option(names = "--tenants-file", paramLabel = "FILE",
            description = "A file listing the fleet's tenants, one per line (blank lines and # comments ignored).")
    Path tenantsFile;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "How many tenants at once (default: " + FleetConfig.DEFAULT_PARALLELISM + ").")
    Integer parallelism;

    /**
     * @return whether {@code --fleet} was given
     * @throws SmartMigrationException {@code INVALID_OPTIONS} when a fleet option was given without it
     */
    boolean enabled() {
        if (!fleet && (tenants != null || tenantsFile != null || parallelism != null)) {
            throw usage("--tenants, --tenants-file and --parallelism need --fleet");
        }
        return fleet;
    }

    /**
     * The fleet the options name.
     *
     * @param stores   the open stores
     * @param finish   completes a tenant's configuration (target, fresh install, dry run)
     * @param listener the fleet's listener, or {@code null}
     * @return the fleet, with {@link FleetConfig.FailurePolicy#REPORT}: the command reports failures itself
     */
    FleetConfig build(ConnectionOptions.Stores stores, UnaryOperator<MigrationConfig.Builder> finish,
                      MigrationListener listener) {
        if (!stores.namesTenants()) {
            throw usage("--fleet needs " + ConnectionOptions.TENANT + " in --database, --key-prefix or --ledger, "
                    + "where each tenant's id goes, e.g. --database 'tenant_" + ConnectionOptions.TENANT + "'");
        }
        if (tenants != null && tenantsFile != null) {
            throw usage("give --tenants or --tenants-file, not both");
        }
        FleetConfig.Builder fleet = FleetConfig.builder()
                .config(tenant -> finish.apply(stores.configure(tenant)).build())
                .failurePolicy(FleetConfig.FailurePolicy.REPORT);
        if (tenants != null) {
            fleet.tenants(tenants);
        } else if (tenantsFile != null) {
            fleet.tenants(read(tenantsFile));
        } else {
            fleet.tenants(stores.discovery());
        }
        if (parallelism != null) {
            fleet.parallelism(parallelism);
        }
        if (listener != null) {
            fleet.listener(listener);
        }
        return fleet.build();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "--tenants-file " + file
                    + " cannot be read: " + e + ".", e);
        }
    }

    private static SmartMigrationException usage(String message) {
        return new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message + ".");
    }
}
