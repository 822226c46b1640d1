package dev.smartmigration.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * One thing a run did, delivered to each {@link MigrationListener}. Every event names the ledger it concerns and
 * when it happened (by the configured {@link MigrationConfig#clock()}).
 *
 * <p>A run emits, in order: {@link RunStarted}; when it has work to do and another instance holds the lock,
 * {@link LockWaiting} once; {@link LockAcquired} when it takes the lock; for each step {@link StepStarted}, any
 * number of {@link CheckpointWritten} (and, for a step that walks data in batches, {@link BatchProgress}), then
 * {@link StepApplied} or {@link StepFailed}; and last {@link RunFinished} or {@link RunFailed}. A run that finds
 * the data at its target emits only {@link RunStarted} and {@link RunFinished}, and listening adds no request to
 * that fast path.
 *
 * <pre>{@code
 * MigrationListener timings = event -> {
 *     if (event instanceof MigrationEvent.StepFailed failed) {
 *         alerts.send("step " + failed.step().id() + " failed: " + failed.cause());
 *     } else if (event instanceof MigrationEvent.RunFinished finished) {
 *         metrics.record(finished.result().totalDuration());
 *     }
 * };
 * }</pre>
 *
 * <p>A fleet ({@link MigrationRuntime#runFleet}) tells each tenant configuration's listeners about that tenant's
 * run, with the same events (a tenant another instance holds is told {@link LockWaiting} when this instance passes
 * it over, and the rest of its run when this instance comes back to it at the end). The fleet's own listeners
 * ({@link FleetConfig.Builder#listener}) get the fleet's events: {@link FleetProgress} every
 * {@code progressInterval}, {@link TenantFinished} as each tenant ends, and {@link FleetFinished} last.
 *
 * <p>More event types may be added in later releases; a listener ignores the ones it does not know.
 */
public sealed interface MigrationEvent permits MigrationEvent.RunStarted, MigrationEvent.LockWaiting,
        MigrationEvent.LockAcquired, MigrationEvent.StepStarted, MigrationEvent.CheckpointWritten,
        MigrationEvent.StepApplied, MigrationEvent.StepFailed, MigrationEvent.RunFinished, MigrationEvent.RunFailed,
        MigrationEvent.FleetProgress, MigrationEvent.TenantFinished, MigrationEvent.FleetFinished,
        MigrationEvent.BatchProgress {

    /**
     * {@return the name of the ledger the run works on ({@link MigrationConfig#ledgerName()}); for a fleet's own
     * events, which concern many ledgers, the fleet's name ({@link FleetConfig#name()})}
     */
    String ledgerName();

    /** {@return when the event happened, by the configured clock} */
    Instant at();

    /**
     * A run began.
     *
     * @param ledgerName    the ledger
     * @param at            when
     * @param targetVersion the version this release expects
     * @param owner         this instance's name, as the lock and the history record it
     */
    record RunStarted(String ledgerName, Instant at, String targetVersion, String owner) implements MigrationEvent {
    }

    /**
     * The run has work to do, but another instance holds the lock: it waits up to {@code lockWait}. Emitted once per
     * run, at the first refused attempt.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param holder     the lock as read then, or {@code null} when it was released before it could be read
     */
    record LockWaiting(String ledgerName, Instant at, LockInfo holder) implements MigrationEvent {
    }

    /**
     * The run took the lock and is about to run its steps.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param waited     how long taking it took, including any {@link LockWaiting}
     */
    record LockAcquired(String ledgerName, Instant at, Duration waited) implements MigrationEvent {
    }

    /**
     * A step is about to run.
     *
     * @param ledgerName  the ledger
     * @param at          when
     * @param step        the step
     * @param skipForward whether the data stands inside the step's range, so the whole step is re-applied
     */
    record StepStarted(String ledgerName, Instant at, MigrationDefinition step, boolean skipForward)
            implements MigrationEvent {
    }

    /**
     * A resumable step wrote a checkpoint, and the ledger holds it.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param stepId     the step
     * @param key        the checkpoint's key
     */
    record CheckpointWritten(String ledgerName, Instant at, String stepId, String key) implements MigrationEvent {
    }

    /**
     * A step ran and the ledger recorded it.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param result     the step's result, with its duration
     */
    record StepApplied(String ledgerName, Instant at, StepResult result) implements MigrationEvent {
    }

    /**
     * A step threw (or the run lost its lock while the step ran). {@link RunFailed} follows.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param step       the step
     * @param duration   how long it ran
     * @param cause      what the step threw
     */
    record StepFailed(String ledgerName, Instant at, MigrationDefinition step, Duration duration, Throwable cause)
            implements MigrationEvent {
    }

    /**
     * The run returned normally: migrated, already at the target, settled by another instance, or ahead of it.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param result     what {@link MigrationRuntime#run} returns
     */
    record RunFinished(String ledgerName, Instant at, MigrationResult result) implements MigrationEvent {
    }

    /**
     * The run failed; {@link MigrationRuntime#run} throws {@code error}.
     *
     * @param ledgerName the ledger
     * @param at         when
     * @param error      what {@code run} throws: a {@link SmartMigrationException} with its code, unless the JVM
     *                   itself failed
     */
    record RunFailed(String ledgerName, Instant at, Throwable error) implements MigrationEvent {
    }

    /**
     * How far a fleet has got: sent to the fleet's listeners every {@code progressInterval} while
     * {@link MigrationRuntime#runFleet} runs (from the fleet's progress thread), with the numbers of its progress log
     * line.
     *
     * @param ledgerName       the fleet's name
     * @param at               when, by the system clock
     * @param tenants          how many tenants the fleet lists
     * @param done             how many have ended (migrated, current, finished by another instance, ahead, planned
     *                         or failed)
     * @param failed           how many of those failed
     * @param waiting          how many another instance holds, set aside to be waited for at the end
     * @param tenantsPerSecond tenants ended per second since the call began
     * @param remaining        the time left at that rate; {@code null} while no tenant has ended
     */
    record FleetProgress(String ledgerName, Instant at, int tenants, int done, int failed, int waiting,
                         double tenantsPerSecond, Duration remaining) implements MigrationEvent {
    }

    /**
     * One tenant of a fleet ended; sent to the fleet's listeners from the worker that ran it.
     *
     * @param ledgerName the fleet's name
     * @param at         when, by the system clock
     * @param result     the tenant's outcome, with its run's result or its error
     */
    record TenantFinished(String ledgerName, Instant at, TenantResult result) implements MigrationEvent {
    }

    /**
     * A fleet call ended, every tenant tried; sent last to the fleet's listeners, also when
     * {@link MigrationRuntime#runFleet} then throws {@link ErrorCode#FLEET_FAILED} (the result lists every tenant).
     *
     * @param ledgerName the fleet's name
     * @param at         when, by the system clock
     * @param result     every tenant's outcome
     */
    record FleetFinished(String ledgerName, Instant at, FleetResult result) implements MigrationEvent {
    }

    /**
     * How far a batched walk ({@link MongoBatches}, {@link S3Batches}) has got, with the numbers of its progress log
     * line: sent after each batch, once the batch's checkpoint is in the ledger, and once more when the walk ends.
     *
     * @param ledgerName     the ledger
     * @param at             when
     * @param stepId         the step that walks
     * @param walk           the walk's name, which namespaces its checkpoint
     * @param done           items finished, by this run and earlier ones together
     * @param total          the estimated number of items in all (for MongoDB, the documents the filter matched
     *                       when the walk first started); {@code null} when unknown (S3, or a count that took too
     *                       long)
     * @param batches        batches finished by this run
     * @param itemsPerSecond this run's rate so far
     * @param remaining      the time left at that rate; {@code null} when unknown, zero once finished
     * @param finished       whether the walk has ended (the last event of a walk)
     */
    record BatchProgress(String ledgerName, Instant at, String stepId, String walk, long done, Long total,
                         long batches, double itemsPerSecond, Duration remaining, boolean finished)
            implements MigrationEvent {
    }
}
