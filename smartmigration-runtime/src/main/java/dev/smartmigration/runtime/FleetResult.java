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
 * log.info("{} tenants: {}", r.tenants().size(), r.summary());   // 50 tenants: 47 migrated, 3 already current
 * int migrated = r.count(TenantOutcome.MIGRATED);
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

    /** {@return every tenant's outcome, in the order of the fleet's tenant list} */
    public List<TenantResult> tenants() {
        return tenants;
    }

    /** {@return the tenants that did not reach the target, in list order; empty when every tenant did} */
    public List<TenantResult> failed() {
        return tenants.stream().filter(t -> t.outcome() == TenantOutcome.FAILED).toList();
    }

    /**
     * How many tenants ended with one outcome.
     *
     * @param outcome an outcome
     * @return how many tenants ended with it
     */
    public int count(TenantOutcome outcome) {
        return (int) tenants.stream().filter(t -> t.outcome() == outcome).count();
    }

    /** {@return the call's duration, measured with a monotonic clock} */
    public Duration totalDuration() {
        return totalDuration;
    }

    /**
     * The counts of the outcomes that occurred, in the order of {@link TenantOutcome}, worded as the runtime's own
     * log line and the CLI print them.
     *
     * @return e.g. {@code 47 migrated, 2 already current, 1 failed}; {@code no tenants} for an empty fleet
     */
    public String summary() {
        Map<TenantOutcome, Long> counts = tenants.stream().collect(Collectors.groupingBy(TenantResult::outcome,
                () -> new EnumMap<>(TenantOutcome.class), Collectors.counting()));
        if (counts.isEmpty()) {
            return "no tenants";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + described(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private static String described(TenantOutcome outcome) {
        return switch (outcome) {
            case MIGRATED -> "migrated";
            case UP_TO_DATE -> "already current";
            case FINISHED_BY_OTHER -> "finished by other instances";
            case AHEAD_OF_TARGET -> "ahead of the target";
            case PLANNED -> "planned";
            case FAILED -> "failed";
        };
    }

    /** @return e.g. {@code 1000 tenant(s) in 26.7 s: 950 migrated, 47 already current, 3 failed} */
    @Override
    public String toString() {
        return tenants.size() + " tenant(s) in " + FleetProgress.formatDuration(totalDuration) + ": " + summary();
    }
}
