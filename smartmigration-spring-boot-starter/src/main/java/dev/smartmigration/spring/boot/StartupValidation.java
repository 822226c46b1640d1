package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.StepState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code smartmigration.mode=validate}: whether the data is ready for this release without changing it. First
 * {@link MigrationRuntime#validate}: no applied step was edited, re-ranged or removed since it ran, and the chain
 * reaches the target. Then, from the same read: no step's last attempt failed, and nothing is pending (the data is
 * at the target, or ahead of it when that is allowed).
 */
final class StartupValidation {

    private static final Logger LOG = LoggerFactory.getLogger(StartupValidation.class);

    private StartupValidation() {
    }

    /**
     * @param config the configuration
     * @return the data's version as a result that applied and planned nothing
     * @throws SmartMigrationException {@code MIGRATION_EDITED}, {@code TARGET_NOT_REACHABLE} (both from
     *         {@code validate}), {@code MIGRATION_PENDING}, {@code STEP_FAILED} (a recorded failure), {@code LEDGER_AHEAD_OF_TARGET} (with fail-if-ahead-of-target),
     *         {@code MISSING_TARGET_VERSION}, or what {@code info} throws
     */
    static MigrationResult validate(MigrationConfig config) {
        long t0 = System.nanoTime();
        MigrationInfo info = MigrationRuntime.validate(config);
        String ledger = config.ledgerName();
        String current = info.currentVersion().orElse(null);
        String target = info.targetVersion().orElse(null);
        switch (info.targetStatus()) {
            case AT_TARGET:
                LOG.info("smartmigration.mode=validate: ledger \"{}\" is at {}, as this release expects", ledger,
                        current);
                return result(current, target, true, false, t0);
            case AHEAD_OF_TARGET:
                if (config.failIfAheadOfTarget()) {
                    throw new SmartMigrationException(ErrorCode.LEDGER_AHEAD_OF_TARGET, "ledger \"" + ledger
                            + "\" is at " + current + ", ahead of this release's target " + target
                            + ", and fail-if-ahead-of-target is on.", Map.of("ledgerVersion", current,
                            "targetVersion", target), null);
                }
                LOG.warn("smartmigration.mode=validate: ledger \"{}\" is at {}, ahead of this release's {}",
                        ledger, current, target);
                return result(current, target, false, true, t0);
            case MIGRATION_PENDING:
                throw pending(ledger, current, target, info.pending());
            default:
                throw new SmartMigrationException(ErrorCode.MISSING_TARGET_VERSION, "the chain has no steps, so "
                        + "there is no version to validate against: set smartmigration.target-version.");
        }
    }

    private static SmartMigrationException pending(String ledger, String current, String target,
                                                   List<StepInfo> pending) {
        Optional<StepInfo> failed = pending.stream().filter(s -> s.state() == StepState.FAILED).findFirst();
        if (failed.isPresent()) {
            StepInfo step = failed.get();
            String rootCause = step.lastAttempt().flatMap(StepAttempt::rootCause).orElse("unknown");
            return new SmartMigrationException(ErrorCode.STEP_FAILED, "step \"" + step.id() + "\" (" + step.from()
                    + " -> " + step.to() + ") failed in its last recorded attempt" + step.lastAttempt()
                    .map(a -> " (by " + a.owner() + " at " + a.finishedAt() + ")").orElse("") + ": " + rootCause
                    + ". The data of ledger \"" + ledger + "\" is at " + shown(current) + ", not at this release's "
                    + target + ".", Map.of("step", step.id(), "from", step.from(), "to", step.to(),
                    "rootCause", rootCause), null);
        }
        return new SmartMigrationException(ErrorCode.MIGRATION_PENDING, "ledger \"" + ledger + "\" is at "
                + shown(current) + " but this release expects " + target + "; " + pending.size()
                + " step(s) are pending: " + pending.stream().map(s -> s.id() + " (" + s.from() + " -> " + s.to()
                + ")").collect(Collectors.joining(", ")) + ".", Map.of("ledgerVersion", shown(current),
                "targetVersion", target, "pending", String.valueOf(pending.size())), null);
    }

    private static MigrationResult result(String current, String target, boolean atTarget, boolean ahead, long t0) {
        return new MigrationResult(current, current, target, atTarget, false, ahead, List.of(), List.of(), List.of(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private static String shown(String version) {
        return version == null ? "no version (a new ledger)" : version;
    }
}
