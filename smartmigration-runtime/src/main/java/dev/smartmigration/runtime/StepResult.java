package dev.smartmigration.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one step in a run, or what would happen in a plan. A step that fails is not reported here: the
 * run fails with {@link ErrorCode#STEP_FAILED}, and {@link MigrationRuntime#info} shows the recorded failure.
 *
 * @param id         the step id
 * @param from       the step's from version
 * @param to         the step's to version
 * @param status     {@link Status#APPLIED} or {@link Status#SKIPPED}
 * @param startedAt  when it started, by the configured clock ({@code null} when skipped)
 * @param finishedAt when it ended, by the configured clock ({@code null} when skipped)
 * @param duration   how long it ran, measured with a monotonic clock ({@link Duration#ZERO} when skipped)
 */
public record StepResult(String id, String from, String to, Status status, Instant startedAt, Instant finishedAt,
                         Duration duration) {

    /** A step's outcome. */
    public enum Status {
        /** The step ran and the ledger recorded it. */
        APPLIED,
        /** The step is planned but was not run ({@code plan}, {@code dryRun}). */
        SKIPPED
    }

    /**
     * {@return a {@link Status#SKIPPED} result for it}
     *
     * @param definition the planned step
     */
    static StepResult skipped(MigrationDefinition definition) {
        return new StepResult(definition.id(), definition.from(), definition.to(), Status.SKIPPED, null, null,
                Duration.ZERO);
    }
}
