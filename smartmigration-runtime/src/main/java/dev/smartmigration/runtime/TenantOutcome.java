package dev.smartmigration.runtime;

/**
 * How one tenant of a fleet ended in a call of {@link MigrationRuntime#runFleet}, as {@link TenantResult#outcome()}
 * reports it.
 *
 * <p>More values may be added in later releases; code that switches over them should have a default branch.
 */
public enum TenantOutcome {
    /** This instance took the tenant's lock and applied its pending steps (or stamped a fresh install). */
    MIGRATED,
    /**
     * The tenant's data was at the target when this instance first looked: one version read, nothing else. (With
     * several instances booting together it may have been another instance of the same boot that got it there.)
     */
    UP_TO_DATE,
    /**
     * Another instance held the tenant's lock when this instance came to it; this instance moved on and, at the
     * end, found the data at the target (waiting up to the tenant's {@code lockWait} for that).
     */
    FINISHED_BY_OTHER,
    /** The tenant's data is past this release's target (an older instance during a rolling deploy): nothing ran. */
    AHEAD_OF_TARGET,
    /** The configuration asked for a dry run: {@link TenantResult#result()} lists the planned steps. */
    PLANNED,
    /** The tenant did not reach the target: {@link TenantResult#error()} says why (code, root cause). */
    FAILED
}
