package dev.smartmigration.runtime;

import dev.smartmigration.chainrules.StrictVersion;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where every tenant of a fleet stands, made by {@link MigrationRuntime#infoFleet}: each tenant's
 * {@link MigrationInfo} (one read of its ledger, no lock, no write), and the summaries an operator asks for first.
 * The operator CLI's {@code status --fleet} prints it.
 *
 * <pre>{@code
 * FleetInfo info = MigrationRuntime.infoFleet(fleet);
 * info.countsByVersion().forEach((version, n) -> System.out.println(version + ": " + n + " tenant(s)"));
 * info.failed().forEach(t -> System.out.println("failed: " + t.tenant()));
 * info.locked().forEach(t -> System.out.println("locked: " + t.tenant() + " by "
 *         + t.info().flatMap(MigrationInfo::lock).map(LockInfo::owner).orElse("?")));
 * info.unreadable().forEach(t -> System.out.println("unreadable: " + t.tenant() + ": "
 *         + t.error().orElseThrow().getMessage()));
 * }</pre>
 *
 * <p>A final class rather than a record so that later releases can add to it.
 */
public final class FleetInfo {

    private final List<TenantInfo> tenants;

    FleetInfo(List<TenantInfo> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    /** {@return every tenant, in the order of the fleet's tenant list} */
    public List<TenantInfo> tenants() {
        return tenants;
    }

    /**
     * {@return how many readable tenants are at each data version, the highest version first; tenants whose ledger
     * has no version yet are in {@link #newLedgers()}}
     */
    public Map<String, Integer> countsByVersion() {
        Map<StrictVersion, String> ordered = new TreeMap<>(Comparator.reverseOrder());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TenantInfo t : tenants) {
            t.info().flatMap(MigrationInfo::currentVersion).ifPresent(v -> {
                counts.merge(v, 1, Integer::sum);
                StrictVersion.parse(v).ifPresent(parsed -> ordered.put(parsed, v));
            });
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        ordered.values().forEach(v -> sorted.put(v, counts.get(v)));
        counts.forEach(sorted::putIfAbsent);
        return sorted;
    }

    /** {@return the readable tenants whose ledger has no version yet (never migrated, or new)} */
    public List<TenantInfo> newLedgers() {
        return tenants.stream().filter(t -> t.info().filter(i -> i.currentVersion().isEmpty()).isPresent()).toList();
    }

    /**
     * The readable tenants at one target status.
     *
     * @param status a target status
     * @return the readable tenants whose data stands so against the target
     */
    public List<TenantInfo> withStatus(TargetStatus status) {
        return tenants.stream().filter(t -> t.info().filter(i -> i.targetStatus() == status).isPresent()).toList();
    }

    /** {@return the tenants whose ledger records a step whose last attempt failed ({@link StepState#FAILED})} */
    public List<TenantInfo> failed() {
        return tenants.stream().filter(t -> t.info().map(i -> i.steps().stream()
                .anyMatch(s -> s.state() == StepState.FAILED)).orElse(false)).toList();
    }

    /**
     * {@return the tenants whose ledger holds a lock, live or expired (see {@link LockInfo#expiresAt()}): being
     * migrated now, or left by an instance that died}
     */
    public List<TenantInfo> locked() {
        return tenants.stream().filter(t -> t.info().flatMap(MigrationInfo::lock).isPresent()).toList();
    }

    /** {@return the tenants whose configuration or ledger could not be read, each with its error} */
    public List<TenantInfo> unreadable() {
        return tenants.stream().filter(t -> t.error().isPresent()).toList();
    }

    /**
     * One tenant by its id.
     *
     * @param tenant a tenant's id
     * @return that tenant, if the fleet lists it
     */
    public Optional<TenantInfo> tenant(String tenant) {
        return tenants.stream().filter(t -> t.tenant().equals(tenant)).findFirst();
    }

    @Override
    public String toString() {
        return "FleetInfo{" + tenants.size() + " tenant(s), versions " + countsByVersion() + ", "
                + newLedgers().size() + " new, " + failed().size() + " failed, " + locked().size() + " locked, "
                + unreadable().size() + " unreadable}";
    }
}
