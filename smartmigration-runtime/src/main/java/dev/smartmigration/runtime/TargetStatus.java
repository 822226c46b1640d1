package dev.smartmigration.runtime;

/**
 * How the data stands against the target, as {@link MigrationRuntime#info} reports it: what {@link
 * MigrationRuntime#run} would do now.
 *
 * <p>More values may be added in later releases; code that switches over them should have a default branch.
 */
public enum TargetStatus {
    /** The ledger is at the target: {@code run} returns at once. */
    AT_TARGET,
    /** The chain reaches the target from the ledger's version: {@code run} applies {@link MigrationInfo#pending()}. */
    MIGRATION_PENDING,
    /** The ledger is past the target (an older release during a rolling deploy): {@code run} runs nothing. */
    AHEAD_OF_TARGET,
    /**
     * The chain cannot take the data to the target: {@code run} and {@code plan} fail with
     * {@link ErrorCode#TARGET_NOT_REACHABLE}; {@link MigrationInfo#targetProblem()} says why.
     */
    UNREACHABLE,
    /** No target is configured and the chain has no steps to take one from. */
    NO_TARGET
}
