package dev.smartmigration.runtime;

/**
 * Where one step of the chain stands, as {@link MigrationRuntime#info} reports it: from the ledger's version and
 * history, the chain and the target.
 *
 * <p>More states may be added in later releases; code that switches over them should have a default branch.
 */
public enum StepState {
    /** The step ran and the ledger recorded it (re-applied from inside its range when {@link StepInfo#skipForward()}). */
    APPLIED,
    /**
     * The step never ran because the stores were empty and the ledger was stamped past it on a fresh install
     * ({@code freshInstallVersion}); on a new ledger, the next run will stamp past it.
     */
    FRESH_INSTALL,
    /**
     * The ledger's version is past the step but the ledger has no record of it running: the step was added before
     * the data's version after the data got there, or the ledger was edited by hand.
     */
    SKIPPED_FORWARD,
    /** The step's last attempt failed; the next run retries it (from its checkpoints, when it is resumable). */
    FAILED,
    /**
     * The next run applies the step (from inside its range when {@link StepInfo#skipForward()}); it is in
     * {@link MigrationInfo#pending()} unless the target cannot be reached.
     */
    PENDING,
    /** The step ends past the target: this release does not run it. */
    ABOVE_TARGET,
    /** The ledger records the step but the chain has no step with its id (a newer release ran it, or it was removed). */
    NOT_IN_CHAIN
}
