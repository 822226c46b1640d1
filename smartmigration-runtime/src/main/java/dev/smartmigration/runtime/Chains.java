package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ChainChecks;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the chain (configured, or the generated one through {@link ServiceLoader}) and checks it. */
final class Chains {

    private Chains() {
    }

    /** {@return the chain's steps in order, checked by the chain rules} */
    static List<MigrationDefinition> load(MigrationConfig config) {
        return ChainChecks.ordered(steps(config));
    }

    /**
     * @return the chain's steps as the chain gives them, unchecked: for the fast path, which only compares their
     *         digest with the ledger's (a chain that breaks a rule does not match, and the full check follows)
     */
    static List<MigrationDefinition> steps(MigrationConfig config) {
        return config.chain().orElseGet(MigrationChain::generated).steps();
    }
}
