package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a call of {@link MigrationRuntime#runFleet} did: one {@link TenantResult} per tenant, in the order the
 * fleet's tenant list gave them.
 *
 * <pre>{@code
 * FleetResult r = MigrationRuntime.runFleet(fleet);
 * log.info("{} tenants: {} migrated, {} already current", r.tenants().size(),
 *         r.count(TenantOutcome.MIGRATED), r.count(TenantOutcome.UP_TO_DATE));
 * r.failed().forEach(t -> log.error("tenant {} failed: {}", t.tenant(), t.error().orElseThrow().getMessage()));
 * }</pre>
 *
 * <p>With the default {@link FleetConfig.FailurePolicy#FAIL} a call with a failed tenant throws
 * {@link ErrorCode#FLEET_FAILED} instead of returning (every tenant was still tried);
 * {@link FleetConfig.FailurePolicy#REPORT} returns this with the failures in {@link #failed()}. A final class rather
 * than a record so that later releases can add to it.
 */
public final class FleetResult {

    private final List<TenantResult> tenants;
    private final Duration totalDuration;

    FleetResult(List<TenantResult> tenants, Duration totalDuration) {
        this.tenants = List.copyOf(tenants);
        this.totalDuration = Objects.requireNonNull(totalDuration, "totalDuration");
    }

    /** @return every tenant's outcome, in the order of the fleet's tenant list */
    public List<TenantResult> tenants() {
        return tenants;
    }

    /** @return the tenants that did not reach the target, in list order; empty when every tenant did */
    public List<TenantResult> failed() {
        return tenants.stream().filter(t -> t.outcome() == TenantOutcome.FAILED).toList();
    }

    /**
     * @param outcome an outcome
     * @return how many tenants ended with it
     */
    public int count(TenantOutcome outcome) {
        return (int) tenants.stream().filter(t -> t.outcome() == outcome).count();
    }

    /** @return the call's duration, measured with a monotonic clock */
    public Duration totalDuration() {
        return totalDuration;
    }

    /** @return e.g. {@code 1000 tenants in PT26.7S: 950 MIGRATED, 47 UP_TO_DATE, 3 FAILED} */
    @Override
    public String toString() {
        Map<TenantOutcome, Long> counts = tenants.stream().collect(Collectors.groupingBy(TenantResult::outcome,
                () -> new EnumMap<>(TenantOutcome.class), Collectors.counting()));
        return tenants.size() + " tenants in " + totalDuration + ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
