package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.List;

/**
 * What a call to {@link MigrationRuntime#run} or {@link MigrationRuntime#plan} found and did.
 *
 * <pre>{@code
 * MigrationResult r = MigrationRuntime.run(config);
 * log.info("data at {} ({} steps applied)", r.currentVersionAfter(), r.stepsApplied().size());
 * if (r.ledgerAheadOfTarget()) {
 *     log.warn("this instance is older than the data: {} > {}", r.currentVersionBefore(), r.targetVersion());
 * }
 * r.editedSteps().forEach(step -> alerts.send(step.describe()));   // applied steps edited since they ran
 * }</pre>
 *
 * @param currentVersionBefore the ledger's version when the call began; {@code null} for a new ledger
 * @param currentVersionAfter  the ledger's version when the call ended (for a plan or dry run, the same as
 *                             {@code currentVersionBefore}, since nothing is written)
 * @param targetVersion        the configured target
 * @param wasUpToDate          whether the data was already at the target, including when another instance
 *                             finished the migration while this one waited for the lock
 * @param wasFreshInstall      whether the ledger was new, the stores were empty and {@code freshInstallVersion}
 *                             was stamped (or would be, for a plan)
 * @param ledgerAheadOfTarget  whether the ledger was past the target (an older instance booting during a rolling
 *                             deploy); nothing was run
 * @param stepsApplied         the steps run and recorded, in order
 * @param stepsSkipped         the steps planned but not run ({@code plan} and {@code dryRun}), in order
 * @param editedSteps          the applied steps the code no longer matches (edited, re-ranged or removed since they
 *                             ran), also logged at WARN; empty when none, and when the ledger is ahead of the target
 *                             (an older release does not judge the newer steps). With
 *                             {@link MigrationConfig#failIfMigrationsEdited()} the call fails with
 *                             {@code MIGRATION_EDITED} instead
 * @param totalDuration        the call's duration, measured with a monotonic clock
 */
public record MigrationResult(String currentVersionBefore, String currentVersionAfter, String targetVersion,
                              boolean wasUpToDate, boolean wasFreshInstall, boolean ledgerAheadOfTarget,
                              List<StepResult> stepsApplied, List<StepResult> stepsSkipped,
                              List<EditedStep> editedSteps, Duration totalDuration) {

    /**
     * Copies the lists, so a result never changes after it is made.
     *
     * @param currentVersionBefore the ledger's version when the call began
     * @param currentVersionAfter  the ledger's version when the call ended
     * @param targetVersion        the configured target
     * @param wasUpToDate          whether the data was already at the target
     * @param wasFreshInstall      whether {@code freshInstallVersion} was stamped
     * @param ledgerAheadOfTarget  whether the ledger was past the target
     * @param stepsApplied         the steps run and recorded
     * @param stepsSkipped         the steps planned but not run
     * @param editedSteps          the applied steps the code no longer matches
     * @param totalDuration        the call's duration
     */
    public MigrationResult {
        stepsApplied = List.copyOf(stepsApplied);
        stepsSkipped = List.copyOf(stepsSkipped);
        editedSteps = List.copyOf(editedSteps);
    }
}
