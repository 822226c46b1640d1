package dev.smartmigration.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * One tenant in a {@link FleetInfo}: where its data stands ({@link MigrationInfo}), or why its ledger could not be
 * read.
 *
 * <pre>{@code
 * for (TenantInfo t : MigrationRuntime.infoFleet(fleet).tenants()) {
 *     System.out.println(t.tenant() + ": " + t.info().map(i -> i.currentVersion().orElse("new ledger"))
 *             .orElseGet(() -> t.error().orElseThrow().code().name()));
 * }
 * }</pre>
 *
 * <p>A final class rather than a record so that later releases can add to it.
 */
public final class TenantInfo {

    private final String tenant;
    private final MigrationInfo info;
    private final SmartMigrationException error;

    private TenantInfo(String tenant, MigrationInfo info, SmartMigrationException error) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.info = info;
        this.error = error;
    }

    static TenantInfo of(String tenant, MigrationInfo info) {
        return new TenantInfo(tenant, Objects.requireNonNull(info, "info"), null);
    }

    static TenantInfo unreadable(String tenant, SmartMigrationException error) {
        return new TenantInfo(tenant, null, Objects.requireNonNull(error, "error"));
    }

    /** {@return the tenant's id, as the fleet's tenant list gave it} */
    public String tenant() {
        return tenant;
    }

    /** {@return where the tenant's data stands, as {@link MigrationRuntime#info} reports it; empty when unreadable} */
    public Optional<MigrationInfo> info() {
        return Optional.ofNullable(info);
    }

    /**
     * {@return why the tenant's ledger or configuration could not be read ({@code LEDGER_CORRUPT}, {@code
     * LEDGER_UNAVAILABLE}, {@code INVALID_OPTIONS}, ...); empty when {@link #info()} is there}
     */
    public Optional<SmartMigrationException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return tenant + ": " + (info != null ? info : error.getMessage());
    }
}
