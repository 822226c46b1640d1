package dev.smartmigration.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data stands: the ledger's version, every step of the chain with its state and recorded attempts,
 * what {@link MigrationRuntime#run} would do against the target, and the lock. Made by {@link MigrationRuntime#info},
 * which reads the ledger and takes no lock and writes nothing; the operator CLI's {@code status} prints it.
 *
 * <pre>{@code
 * MigrationInfo info = MigrationRuntime.info(config);
 * String version = info.currentVersion().orElse("none");
 * if (info.targetStatus() == TargetStatus.UNREACHABLE) {
 *     throw new IllegalStateException(info.targetProblem().orElseThrow());
 * }
 * for (StepInfo step : info.pending()) {
 *     System.out.println("will run " + step.id() + " (" + step.from() + " -> " + step.to() + ")");
 * }
 * info.lock().ifPresent(lock -> System.out.println("locked by " + lock.owner() + " until " + lock.expiresAt()));
 * }</pre>
 */
public final class MigrationInfo {

    private final String currentVersion;
    private final String targetVersion;
    private final TargetStatus targetStatus;
    private final String targetProblem;
    private final List<StepInfo> steps;
    private final LockInfo lock;
    private final boolean freshInstall;

    MigrationInfo(String currentVersion, String targetVersion, TargetStatus targetStatus, String targetProblem,
                  List<StepInfo> steps, LockInfo lock, boolean freshInstall) {
        this.currentVersion = currentVersion;
        this.targetVersion = targetVersion;
        this.targetStatus = Objects.requireNonNull(targetStatus, "targetStatus");
        this.targetProblem = targetProblem;
        this.steps = List.copyOf(steps);
        this.lock = lock;
        this.freshInstall = freshInstall;
    }

    /** {@return the ledger's data version; empty on a new ledger} */
    public Optional<String> currentVersion() {
        return Optional.ofNullable(currentVersion);
    }

    /**
     * {@return the version the steps are judged against: the configured {@code targetVersion}, or when none is set the
     * version where the chain ends; empty when neither exists}
     */
    public Optional<String> targetVersion() {
        return Optional.ofNullable(targetVersion);
    }

    /** {@return what {@code run} would do now against {@link #targetVersion()}} */
    public TargetStatus targetStatus() {
        return targetStatus;
    }

    /**
     * {@return when {@link #targetStatus()} is {@link TargetStatus#UNREACHABLE}, why: the message {@code run} and
     * {@code plan} fail with}
     */
    public Optional<String> targetProblem() {
        return Optional.ofNullable(targetProblem);
    }

    /**
     * {@return every step of the chain in chain order, then the steps the ledger records that the chain lacks ({@link
     * StepState#NOT_IN_CHAIN}) in the order they were first recorded}
     */
    public List<StepInfo> steps() {
        return steps;
    }

    /**
     * {@return the applied steps the code no longer matches (edited, re-ranged or removed since they ran), in the
     * order of {@link #steps()}: what {@link MigrationRuntime#validate} fails on}
     */
    public List<EditedStep> editedSteps() {
        return steps.stream().flatMap(s -> s.edit().stream()).toList();
    }

    /**
     * {@return the steps {@code run} would apply now, in order ({@link StepState#PENDING} or {@link StepState#FAILED})}
     */
    public List<StepInfo> pending() {
        if (targetStatus != TargetStatus.MIGRATION_PENDING) {
            return List.of();
        }
        return steps.stream().filter(s -> s.state() == StepState.PENDING || s.state() == StepState.FAILED).toList();
    }

    /**
     * {@return the lock as stored, live or expired (a lock past {@link LockInfo#expiresAt()} by the store's clock is
     * free for the next run to take); empty when none is held}
     */
    public Optional<LockInfo> lock() {
        return Optional.ofNullable(lock);
    }

    /**
     * {@return whether the ledger has no version yet and no configured store holds application data: the case {@code
     * freshInstallVersion} is for, and, when neither was expected, often a wrong database or bucket}
     */
    public boolean isFreshInstall() {
        return freshInstall;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationInfo i && Objects.equals(currentVersion, i.currentVersion)
                && Objects.equals(targetVersion, i.targetVersion) && targetStatus == i.targetStatus
                && Objects.equals(targetProblem, i.targetProblem) && steps.equals(i.steps)
                && Objects.equals(lock, i.lock) && freshInstall == i.freshInstall;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currentVersion, targetVersion, targetStatus, steps, lock);
    }

    @Override
    public String toString() {
        return "MigrationInfo{current=" + currentVersion + ", target=" + targetVersion + " " + targetStatus
                + ", " + steps.size() + " step(s), lock=" + (lock == null ? "free" : lock.owner()) + "}";
    }
}
