package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ChainChecks;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the chain (configured, or the generated one through {@link ServiceLoader}) and checks it. */
final class Chains {

    private Chains() {
    }

    /** @return the chain's steps in order, checked by the chain rules */
    static List<MigrationDefinition> load(MigrationConfig config) {
        MigrationChain chain = config.chain().orElseGet(MigrationChain::generated);
        return ChainChecks.ordered(chain.steps());
    }
}
