package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fleet: one chain, many tenants, each with its own stores and ledger, for {@link MigrationRuntime#runFleet} and
 * {@link MigrationRuntime#infoFleet}. Immutable; build it once at start-up.
 *
 * <pre>{@code
 * FleetConfig fleet = FleetConfig.builder()
 *     .tenants(tenantIds)                                  // a collection, or a supplier evaluated per run
 *     .config(tenant -> MigrationConfig.builder()          // each tenant's own stores and ledger
 *         .targetVersion("2.3.0").mongo(client, "tenant_" + tenant).build())
 *     .parallelism(8)                                      // tenants migrated at once by this instance
 *     .build();
 * FleetResult r = MigrationRuntime.runFleet(fleet);       // FleetResult.tenants(): one TenantResult per tenant
 * }</pre>
 *
 * <p>Each tenant's {@link MigrationConfig} is a complete configuration of its own: target, stores, ledger name,
 * lock timing, chain. Usually only the database or key prefix differs between tenants. {@link Tenants} lists the
 * tenants of the common layouts (databases with a name prefix on one MongoDB client, key prefixes in one bucket).
 * {@code docs/fleets.md} describes the layouts, the algorithm and its guarantees.
 */
public final class FleetConfig {

    /** The default {@link Builder#parallelism(int)}. */
    public static final int DEFAULT_PARALLELISM = 4;
    /** The largest {@link Builder#parallelism(int)} accepted. */
    public static final int MAX_PARALLELISM = 256;
    /** The default {@link Builder#progressInterval(Duration)}. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** The default {@link Builder#name(String)}. */
    public static final String DEFAULT_NAME = "fleet";

    /** Whether a tenant that did not reach the target makes {@link MigrationRuntime#runFleet} throw. */
    public enum FailurePolicy {
        /**
         * The default: after every tenant has been tried, a call with any failed tenant throws
         * {@link ErrorCode#FLEET_FAILED} naming each failure (the first as its cause), so that a boot does not go on
         * with tenants behind the code.
         */
        FAIL,
        /** The call returns normally; the failures are in {@link FleetResult#failed()} for the caller to act on. */
        REPORT
    }

    private final Supplier<? extends Collection<String>> tenants;
    private final Function<String, MigrationConfig> config;
    private final int parallelism;
    private final FailurePolicy failurePolicy;
    private final Duration progressInterval;
    private final String name;
    private final List<MigrationListener> listeners;

    private FleetConfig(Builder b) {
        this.tenants = b.tenants;
        this.config = b.config;
        this.parallelism = b.parallelism;
        this.failurePolicy = b.failurePolicy;
        this.progressInterval = b.progressInterval;
        this.name = b.name;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * Starts a fleet; {@link Builder#tenants} and {@link Builder#config} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lists the tenants: the collection given, or the supplier's answer now (it is asked again at every call of
     * {@code runFleet} and {@code infoFleet}, so new tenants are picked up).
     *
     * @return the tenant ids, in the order given
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when the supplier returns {@code null}, a
     *         {@code null} or blank id, or the same id twice, or throws something other than a
     *         {@code SmartMigrationException} (which is passed on: {@link Tenants}' helpers throw
     *         {@code LEDGER_UNAVAILABLE} when the store cannot be listed)
     */
    public List<String> tenants() {
        Collection<String> listed;
        try {
            listed = tenants.get();
        } catch (SmartMigrationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "the fleet's tenant supplier threw " + e
                    + ". Fix the supplier passed to FleetConfig.builder().tenants(...).", e);
        }
        return checkedTenants(listed, "the fleet's tenant supplier returned");
    }

    /**
     * The configuration of one tenant, from the function given to {@link Builder#config}.
     *
     * @param tenant a tenant's id
     * @return its configuration
     * @throws SmartMigrationException what the function threw, or {@link ErrorCode#INVALID_OPTIONS} when it
     *         returned {@code null} or threw anything else (the cause)
     */
    public MigrationConfig config(String tenant) {
        MigrationConfig built;
        try {
            built = config.apply(tenant);
        } catch (SmartMigrationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "the fleet's config function threw for "
                    + "tenant \"" + tenant + "\": " + e + ". Fix the function passed to FleetConfig.builder()"
                    + ".config(...).", Map.of("tenant", tenant), e);
        }
        if (built == null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "the fleet's config function returned null "
                    + "for tenant \"" + tenant + "\". Return the tenant's MigrationConfig.", Map.of("tenant", tenant),
                    null);
        }
        return built;
    }

    /** {@return how many tenants this instance works on at once} */
    public int parallelism() {
        return parallelism;
    }

    /** {@return whether a failed tenant makes {@code runFleet} throw} */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** {@return how often a long {@code runFleet} logs its progress} */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** {@return the fleet's name, in its log lines and as the {@code ledgerName()} of its events} */
    public String name() {
        return name;
    }

    /** {@return the fleet's listeners, in the order they were added; empty when none} */
    public List<MigrationListener> listeners() {
        return listeners;
    }

    private static List<String> checkedTenants(Collection<String> listed, String what) {
        if (listed == null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, what + " null. Return the tenant ids (an "
                    + "empty collection for no tenants).");
        }
        List<String> ids = new ArrayList<>(listed.size());
        Set<String> seen = new HashSet<>();
        for (String id : listed) {
            if (id == null || id.isBlank()) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, what + " a " + (id == null ? "null"
                        : "blank") + " tenant id. Every tenant needs a non-blank id.");
            }
            if (!seen.add(id)) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, what + " the tenant id \"" + id
                        + "\" twice. List each tenant once.", Map.of("tenant", id), null);
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /**
     * Collects the settings; each setter checks its argument at once and {@link #build()} checks that the
     * required ones are there.
     */
    public static final class Builder {
        private Supplier<? extends Collection<String>> tenants;
        private Function<String, MigrationConfig> config;
        private int parallelism = DEFAULT_PARALLELISM;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private String name = DEFAULT_NAME;
        private final List<MigrationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * A fixed list of tenants, copied now.
         *
         * @param tenants the tenant ids, each once, none blank
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}, a blank id or a
         *         repeated one
         */
        public Builder tenants(Collection<String> tenants) {
            List<String> copy = checkedTenants(tenants, "tenants(...) got");
            this.tenants = () -> copy;
            return this;
        }

        /**
         * Tenants listed anew at every call of {@code runFleet} and {@code infoFleet}: from the application's
         * tenant registry, or from the stores with {@link Tenants}.
         *
         * <pre>{@code
         * .tenants(Tenants.mongoDatabases(mongoClient, "tenant_"))   // databases tenant_acme, tenant_globex, ...
         * }</pre>
         *
         * @param tenants returns the tenant ids, each once, none blank (checked at each call)
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder tenants(Supplier<? extends Collection<String>> tenants) {
            require(tenants != null, "tenants(supplier) got null.");
            this.tenants = tenants;
            return this;
        }

        /**
         * How each tenant's configuration is made: its target, its stores (its database, or its bucket and key
         * prefix), its ledger, its lock timing. Called once per tenant at every call. Two tenants must not share a
         * ledger (the same ledger name in the same database, or under the same bucket and key prefix): a call that
         * finds two fails the second with {@link ErrorCode#INVALID_OPTIONS}.
         *
         * @param config makes the tenant's configuration from its id
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder config(Function<String, MigrationConfig> config) {
            require(config != null, "config(function) got null.");
            this.config = config;
            return this;
        }

        /**
         * How many tenants this instance works on at once (each on its own thread). Every other instance calling
         * {@code runFleet} works on as many, on other tenants: the stores see the sum. Default
         * {@value FleetConfig#DEFAULT_PARALLELISM}.
         *
         * @param parallelism 1 to {@value FleetConfig#MAX_PARALLELISM}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
         */
        public Builder parallelism(int parallelism) {
            require(parallelism >= 1 && parallelism <= MAX_PARALLELISM,
                    "parallelism = " + parallelism + " is not between 1 and " + MAX_PARALLELISM + ".");
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Whether a tenant that did not reach the target makes {@code runFleet} throw
         * ({@link FailurePolicy#FAIL}, the default) or only appear in {@link FleetResult#failed()}
         * ({@link FailurePolicy#REPORT}). Either way one tenant's failure does not stop the others.
         *
         * @param policy the policy
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder failurePolicy(FailurePolicy policy) {
            require(policy != null, "failurePolicy is null; use FailurePolicy.FAIL or FailurePolicy.REPORT.");
            this.failurePolicy = policy;
            return this;
        }

        /**
         * How often a running fleet logs a progress line (tenants done of all, failures, rate, estimated time
         * left). Default 5 s; a fleet that ends sooner logs only its summary.
         *
         * @param interval 1 second to 1 hour
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
         */
        public Builder progressInterval(Duration interval) {
            require(interval != null && interval.compareTo(Duration.ofSeconds(1)) >= 0
                            && interval.compareTo(Duration.ofHours(1)) <= 0,
                    "progressInterval = " + interval + " is not between 1 second and 1 hour.");
            this.progressInterval = interval;
            return this;
        }

        /**
         * Names the fleet, for an application with several: the name is in the fleet's log lines and is the
         * {@code ledgerName()} of its events. Default {@value FleetConfig#DEFAULT_NAME}.
         *
         * @param name 1 to 100 characters, not blank
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for any other value
         */
        public Builder name(String name) {
            require(name != null && !name.isBlank() && name.length() <= 100,
                    "name = \"" + name + "\" must be 1 to 100 characters, not blank.");
            this.name = name;
            return this;
        }

        /**
         * Adds a listener of the fleet's own events: {@link MigrationEvent.FleetProgress} every
         * {@code progressInterval}, {@link MigrationEvent.TenantFinished} as each tenant ends and
         * {@link MigrationEvent.FleetFinished} last (also when the call then throws {@code FLEET_FAILED}). They come
         * from the fleet's worker and progress threads, one at a time. Each tenant's own run events go to the
         * listeners of its {@link MigrationConfig}.
         *
         * <pre>{@code
         * .listener(event -> {
         *     if (event instanceof MigrationEvent.FleetProgress p) {
         *         metrics.gauge("fleet.done", p.done());
         *     }
         * })
         * }</pre>
         *
         * @param listener the listener
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder listener(MigrationListener listener) {
            require(listener != null, "listener is null.");
            listeners.add(listener);
            return this;
        }

        /**
         * Builds the fleet, checking that it has its tenants and their configuration.
         *
         * @return the fleet
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} without {@link #tenants} or
         *         {@link #config}
         */
        public FleetConfig build() {
            require(tenants != null, "no tenants: call tenants(...) with the tenant ids or a supplier of them.");
            require(config != null, "no config: call config(tenant -> MigrationConfig.builder()...build()).");
            return new FleetConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message);
            }
        }
    }
}
