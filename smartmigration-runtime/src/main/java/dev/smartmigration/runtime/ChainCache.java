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

    @Override
    public List<MigrationDefinition> apply(MigrationConfig config) {
        Object key = config.chain().<Object>map(chain -> chain).orElse(GENERATED);
        synchronized (loaded) {
            List<MigrationDefinition> steps = loaded.get(key);
            if (steps == null) {
                steps = Chains.load(config);
                loaded.put(key, steps);
            }
            return steps;
        }
    }
}
