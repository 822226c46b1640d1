package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepState;
import dev.smartmigration.spring.boot.SmartMigrationProperties.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The health of the data for this release, whatever the Boot version's health API ({@link Boot4Support},
 * {@code Boot3Support}): the start-up run's state, then one version-only read of the ledger per check, and a full
 * {@link MigrationRuntime#info} read only when the ledger is not at the target.
 *
 * <ul>
 *   <li>{@code UNKNOWN} before the start-up migration has begun;
 *   <li>{@code OUT_OF_SERVICE} while it runs;
 *   <li>{@code DOWN} after it failed; when the ledger is ahead of the target and fail-if-ahead-of-target is on; when
 *       the data is behind the target in modes {@code run} and {@code validate} (with the failed step, if its last
 *       attempt failed), or the chain cannot reach the target; when the ledger cannot be read;
 *   <li>{@code UP} otherwise: at the target, ahead of it during a rolling deploy, or behind it in modes {@code plan}
 *       and {@code off}, which start on such data by choice.
 * </ul>
 *
 * <p>Applied steps the start-up run found edited since they ran are listed in {@code editedSteps}, whatever the
 * status: the run warned and started, so the health says it too.
 */
final class SmartMigrationHealth {

    /** A health status and its details, for the Boot version's {@code Health} builder. */
    record Report(String status, Map<String, Object> details) {
    }

    private final SmartMigrationInitializer initializer;

    SmartMigrationHealth(SmartMigrationInitializer initializer) {
        this.initializer = initializer;
    }

    Report check() {
        MigrationConfig config = initializer.config();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ledger", config.ledgerName());
        details.put("mode", initializer.mode().name().toLowerCase());
        config.targetVersion().ifPresent(target -> details.put("targetVersion", target));
        StartupRun run = initializer.startupRun();
        switch (run.state()) {
            case NOT_STARTED:
                return new Report("UNKNOWN", details);
            case RUNNING:
                details.put("startedAt", run.startedAt().toString());
                return new Report("OUT_OF_SERVICE", details);
            case FAILED:
                describe(run.failure(), details);
                return new Report("DOWN", details);
            default:
                editedAtStartup(run, details);
                return checkLedger(config, details);
        }
    }

    /**
     * The applied steps the start-up run found edited, re-ranged or removed ({@code run} warned and started; with
     * {@code fail-if-migrations-edited} or mode {@code validate} the start-up failed instead). The code cannot change
     * while the application runs, so the start-up's finding stands until an operator accepts the edits, which the
     * next start-up shows.
     */
    private static void editedAtStartup(StartupRun run, Map<String, Object> details) {
        if (run.result() != null && !run.result().editedSteps().isEmpty()) {
            details.put("editedSteps", run.result().editedSteps().stream().map(EditedStep::id).toList());
        }
    }

    /**
     * One version-only read; only when the ledger is not at the target (a rolling deploy, a failure) a full
     * {@code info} read, whose verdict decides.
     */
    private Report checkLedger(MigrationConfig config, Map<String, Object> details) {
        try {
            Optional<String> current = MigrationRuntime.currentVersion(config);
            current.ifPresent(v -> details.put("currentVersion", v));
            Optional<String> target = config.targetVersion();
            if (target.isEmpty() || current.equals(target)) {
                return new Report("UP", details);
            }
            return judge(config, MigrationRuntime.info(config), details);
        } catch (SmartMigrationException e) {
            describe(e, details);
            return new Report("DOWN", details);
        }
    }

    private Report judge(MigrationConfig config, MigrationInfo info, Map<String, Object> details) {
        info.currentVersion().ifPresent(v -> details.put("currentVersion", v));
        switch (info.targetStatus()) {
            case AT_TARGET:
                return new Report("UP", details);
            case AHEAD_OF_TARGET:
                details.put("aheadOfTarget", true);
                if (config.failIfAheadOfTarget()) {
                    details.put("error", "LEDGER_AHEAD_OF_TARGET");
                    return new Report("DOWN", details);
                }
                return new Report("UP", details);
            case MIGRATION_PENDING:
                details.put("pendingSteps", info.pending().size());
                info.pending().stream().filter(s -> s.state() == StepState.FAILED).findFirst().ifPresent(step -> {
                    details.put("failedStep", step.id());
                    step.lastAttempt().flatMap(StepAttempt::rootCause).ifPresent(c -> details.put("rootCause", c));
                });
                boolean byChoice = initializer.mode() == Mode.PLAN || initializer.mode() == Mode.OFF;
                return new Report(byChoice ? "UP" : "DOWN", details);
            case UNREACHABLE:
                details.put("error", "TARGET_NOT_REACHABLE");
                details.put("message", info.targetProblem().orElse(""));
                return new Report("DOWN", details);
            default:
                return new Report("UNKNOWN", details);
        }
    }

    private static void describe(Throwable failure, Map<String, Object> details) {
        if (failure instanceof SmartMigrationException e) {
            details.put("error", e.code().name());
            Optional.ofNullable(e.details().get("step")).ifPresent(step -> details.put("failedStep", step));
        } else {
            details.put("error", failure.getClass().getName());
        }
        details.put("message", String.valueOf(failure.getMessage()));
    }
}
