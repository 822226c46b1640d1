package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant's outcome in a {@link FleetResult}: how it ended, what its run found and did, or why it failed.
 *
 * <pre>{@code
 * for (TenantResult t : MigrationRuntime.runFleet(fleet).tenants()) {
 *     switch (t.outcome()) {
 *         case MIGRATED -> log.info("{}: {} step(s)", t.tenant(), t.result().orElseThrow().stepsApplied().size());
 *         case FAILED -> log.error("{}: {}", t.tenant(), t.error().orElseThrow().getMessage());
 *         default -> { }
 *     }
 * }
 * }</pre>
 *
 * <p>A final class rather than a record so that later releases can add to it.
 */
public final class TenantResult {

    private final String tenant;
    private final TenantOutcome outcome;
    private final MigrationResult result;
    private final SmartMigrationException error;
    private final Duration duration;

    private TenantResult(String tenant, TenantOutcome outcome, MigrationResult result, SmartMigrationException error,
                         Duration duration) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.result = result;
        this.error = error;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    static TenantResult of(String tenant, TenantOutcome outcome, MigrationResult result, Duration duration) {
        return new TenantResult(tenant, outcome, Objects.requireNonNull(result, "result"), null, duration);
    }

    static TenantResult failed(String tenant, SmartMigrationException error, Duration duration) {
        return new TenantResult(tenant, TenantOutcome.FAILED, null, Objects.requireNonNull(error, "error"),
                duration);
    }

    /** {@return the tenant's id, as the fleet's tenant list gave it} */
    public String tenant() {
        return tenant;
    }

    /** {@return how the tenant ended} */
    public TenantOutcome outcome() {
        return outcome;
    }

    /** {@return what the tenant's run found and did; empty when it {@link TenantOutcome#FAILED failed}} */
    public Optional<MigrationResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * {@return why the tenant failed, with its stable {@link SmartMigrationException#code() code} (e.g. {@code
     * STEP_FAILED}, whose message names the root cause); empty unless {@link TenantOutcome#FAILED}}
     */
    public Optional<SmartMigrationException> error() {
        return Optional.ofNullable(error);
    }

    /** {@return the time this instance spent on the tenant, including waiting at the end for another instance} */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return tenant + ": " + outcome + (error == null ? "" : " " + error.getMessage());
    }
}
