package dev.smartmigration.runtime;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads and checks each chain once per fleet call: the tenants of a fleet usually share one chain (the generated
 * one, or one configured instance), which needs loading and checking only once, not once per tenant. A chain that
 * fails to load is not kept, so each tenant that needs it reports the error.
 */
final class ChainCache implements Function<MigrationConfig, List<MigrationDefinition>> {

    /** The key of the generated chain, which configurations name by naming none. */
    private static final Object GENERATED = new Object();

    private final Map<Object, List<MigrationDefinition>> loaded = new IdentityHashMap<>();
    private final Map<Object, ChainDigests> digests = new IdentityHashMap<>();

    @Override
    public List<MigrationDefinition> apply(MigrationConfig config) {
        Object key = key(config);
        synchronized (loaded) {
            List<MigrationDefinition> steps = loaded.get(key);
            if (steps == null) {
                steps = Chains.load(config);
                loaded.put(key, steps);
            }
            return steps;
        }
    }

    /**
     * The digests the fast path compares with each tenant's ledger: computed once per chain and fleet call, not once
     * per tenant (each tenant has a {@link MigrationConfig} of its own, which would otherwise keep its own).
     *
     * @param config a tenant's configuration
     * @return the digests of its chain's steps as the chain gives them, unchecked
     */
    ChainDigests digests(MigrationConfig config) {
        Object key = key(config);
        synchronized (digests) {
            return digests.computeIfAbsent(key, k -> new ChainDigests(Chains.steps(config)));
        }
    }

    private static Object key(MigrationConfig config) {
        return config.chain().<Object>map(chain -> chain).orElse(GENERATED);
    }
}
