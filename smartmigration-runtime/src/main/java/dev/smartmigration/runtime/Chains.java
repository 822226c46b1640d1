package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ChainRules;
import dev.smartmigration.runtime.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the chain (configured, or the generated one through {@link ServiceLoader}) and checks it. */
final class Chains {

    private Chains() {
    }

    /** @return the chain's steps in order, checked by the chain rules and against the configuration */
    static List<MigrationDefinition> load(MigrationConfig config) {
        MigrationChain chain = config.chain().orElseGet(Chains::generated);
        List<MigrationDefinition> steps = ChainRules.checkDefinitions(chain.steps());
        Planner.checkFreshInstallVersion(steps, config.targetVersion(), config.freshInstallVersion().orElse(null));
        return steps;
    }

    private static MigrationChain generated() {
        List<MigrationChain> found = new ArrayList<>();
        try {
            ServiceLoader.load(MigrationChain.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "the generated migration chain could not "
                    + "be loaded: " + e.getMessage() + ". Rebuild the application with smartmigration-processor "
                    + "on the annotation processor path.", Map.of(), e);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "no migration chain is configured and "
                    + "none was generated on the classpath. Add smartmigration-processor to the annotation processor "
                    + "path so it generates GeneratedMigrationChain from your @Migration classes, or pass a chain "
                    + "with MigrationConfig.builder().chain(...).");
        }
        String names = found.stream().map(c -> c.getClass().getName()).collect(Collectors.joining(", "));
        throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "more than one generated migration chain is on "
                + "the classpath (" + names + "), so it is not clear which to run. Keep the @Migration classes of "
                + "one application in one module, or pass the chain with MigrationConfig.builder().chain(...).",
                Map.of("chains", names), null);
    }
}
