package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code smartmigration}: where the data stands ({@link MigrationRuntime#info}) and what the
 * start-up migration did. Read-only unless the application opens it with
 * {@code management.endpoint.smartmigration.access=unrestricted}, which enables one write operation: removing a
 * stuck lock ({@link MigrationRuntime#forceUnlock}). Over HTTP it must also be exposed, like any endpoint:
 * {@code management.endpoints.web.exposure.include=health,smartmigration}.
 *
 * <pre>
 * GET    /actuator/smartmigration        the ledger, every step with its attempts, the lock, the start-up run
 * DELETE /actuator/smartmigration/lock   removes the lock (only with access=unrestricted): 200 with the lock
 *                                        removed, 204 when there was none
 * </pre>
 */
@Endpoint(id = "smartmigration", defaultAccess = Access.READ_ONLY)
public class SmartMigrationEndpoint {

    private final SmartMigrationInitializer initializer;

    /** @param initializer the start-up migration, whose configuration the endpoint reads */
    public SmartMigrationEndpoint(SmartMigrationInitializer initializer) {
        this.initializer = initializer;
    }

    /**
     * Reads and checks the whole ledger; takes no lock and writes nothing.
     *
     * @return the ledger, its steps, the lock and the start-up run
     * @throws SmartMigrationException when the ledger cannot be read or the chain cannot be loaded
     */
    @ReadOperation
    public SmartMigrationDescriptor info() {
        MigrationConfig config = initializer.config();
        MigrationInfo info = MigrationRuntime.info(config);
        return new SmartMigrationDescriptor(config.ledgerName(), config.ledgerBackend().name(),
                info.currentVersion().orElse(null), info.targetVersion().orElse(null), info.targetStatus().name(),
                info.targetProblem().orElse(null), info.isFreshInstall(),
                info.lock().map(SmartMigrationEndpoint::lock).orElse(null),
                info.steps().stream().map(SmartMigrationEndpoint::step).toList(),
                info.editedSteps().stream().map(SmartMigrationEndpoint::edited).toList(), startup());
    }

    /**
     * Removes the ledger's lock, live or not, as {@link MigrationRuntime#forceUnlock} does: only when its holder is
     * known to be dead and its lease cannot be waited out.
     *
     * @param part must be {@code lock} (HTTP 400 otherwise)
     * @return the lock that was removed (HTTP 200), or {@code null} when none was held (HTTP 204)
     */
    @DeleteOperation
    public LockDescriptor unlock(@Selector String part) {
        if (!"lock".equals(part)) {
            throw new InvalidEndpointRequestException("Only the lock can be removed: DELETE "
                    + "/actuator/smartmigration/lock", "unknown part " + part);
        }
        return MigrationRuntime.forceUnlock(initializer.config()).map(SmartMigrationEndpoint::lock).orElse(null);
    }

    private StartupDescriptor startup() {
        StartupRun run = initializer.startupRun();
        MigrationResult result = run.result();
        Throwable failure = run.failure();
        return new StartupDescriptor(initializer.mode().name().toLowerCase(), run.state().name(),
                text(run.startedAt()),
                result == null ? null : result.currentVersionBefore(),
                result == null ? null : result.currentVersionAfter(),
                result == null ? List.of() : result.stepsApplied().stream().map(s -> s.id()).toList(),
                result == null ? List.of() : result.stepsSkipped().stream().map(s -> s.id()).toList(),
                result == null ? null : result.totalDuration().toMillis(),
                failure instanceof SmartMigrationException e ? e.code().name()
                        : failure == null ? null : failure.getClass().getName(),
                failure == null ? null : failure.getMessage());
    }

    private static StepDescriptor step(StepInfo step) {
        return new StepDescriptor(step.id(), step.from(), step.to(), step.description(), step.resumable(),
                step.state().name(), step.skipForward(),
                step.attempts().stream().map(SmartMigrationEndpoint::attempt).toList(), step.checkpoints());
    }

    private static EditedStepDescriptor edited(EditedStep e) {
        return new EditedStepDescriptor(e.id(), e.kind().name(), e.describe());
    }

    private static AttemptDescriptor attempt(StepAttempt a) {
        return new AttemptDescriptor(a.status().name(), text(a.startedAt()), text(a.finishedAt()),
                a.duration().toMillis(), a.owner(), a.skipForward(), a.error().orElse(null),
                a.rootCause().orElse(null));
    }

    private static LockDescriptor lock(LockInfo lock) {
        return new LockDescriptor(lock.owner(), text(lock.acquiredAt()), text(lock.heartbeatAt()),
                text(lock.expiresAt()), lock.ttl().toMillis());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * What {@code GET /actuator/smartmigration} returns: {@link MigrationInfo} and the start-up run.
     *
     * @param ledgerName     the ledger's name
     * @param ledgerBackend  {@code MONGO} or {@code S3}
     * @param currentVersion the data version; {@code null} for a new ledger
     * @param targetVersion  the version the steps are judged against
     * @param targetStatus   a {@link dev.smartmigration.runtime.TargetStatus} name
     * @param targetProblem  why the target is unreachable, if it is
     * @param freshInstall   whether the ledger is new and the stores hold no data
     * @param lock           the lock, or {@code null} when free
     * @param steps          every step in chain order, then recorded steps the chain lacks
     * @param editedSteps    the applied steps the code no longer matches (edited, re-ranged or removed)
     * @param startup        what this instance did at start-up
     */
    public record SmartMigrationDescriptor(String ledgerName, String ledgerBackend, String currentVersion,
                                           String targetVersion, String targetStatus, String targetProblem,
                                           boolean freshInstall, LockDescriptor lock, List<StepDescriptor> steps,
                                           List<EditedStepDescriptor> editedSteps, StartupDescriptor startup) {
    }

    /**
     * One step ({@link StepInfo}).
     *
     * @param id          the step's id
     * @param from        the version it starts from
     * @param to          the version it produces
     * @param description its description
     * @param resumable   whether it keeps checkpoints
     * @param state       a {@link dev.smartmigration.runtime.StepState} name
     * @param skipForward whether it is (or was) re-applied from inside its range
     * @param attempts    its recorded attempts, oldest first
     * @param checkpoints its kept checkpoints, as JSON text by key
     */
    public record StepDescriptor(String id, String from, String to, String description, boolean resumable,
                                 String state, boolean skipForward, List<AttemptDescriptor> attempts,
                                 Map<String, String> checkpoints) {
    }

    /**
     * An applied step the code no longer matches ({@link EditedStep}).
     *
     * @param id          the step's id
     * @param kind        {@code CODE_CHANGED}, {@code RANGE_CHANGED} or {@code REMOVED}
     * @param description what ran and what the code says now, in one sentence
     */
    public record EditedStepDescriptor(String id, String kind, String description) {
    }

    /**
     * One recorded attempt ({@link StepAttempt}); the stack trace stays in the ledger.
     *
     * @param status      {@code APPLIED} or {@code FAILED}
     * @param startedAt   when it started, ISO-8601
     * @param finishedAt  when it ended, ISO-8601
     * @param durationMs  how long it ran
     * @param owner       the instance that ran it
     * @param skipForward whether it re-applied the step from inside its range
     * @param error       for a failure, the exception's class and message
     * @param rootCause   for a failure, the innermost cause's class and message
     */
    public record AttemptDescriptor(String status, String startedAt, String finishedAt, long durationMs, String owner,
                                    boolean skipForward, String error, String rootCause) {
    }

    /**
     * The ledger's lock ({@link LockInfo}), without its fencing token.
     *
     * @param owner       the holder
     * @param acquiredAt  when it was taken, by the store's clock, ISO-8601
     * @param heartbeatAt when it was last renewed, by the store's clock, ISO-8601
     * @param expiresAt   when it expires unless renewed, by the store's clock, ISO-8601
     * @param ttlMs       its lease
     */
    public record LockDescriptor(String owner, String acquiredAt, String heartbeatAt, String expiresAt, long ttlMs) {
    }

    /**
     * What this instance did at start-up.
     *
     * @param mode          {@code run}, {@code plan}, {@code validate} or {@code off}
     * @param state         {@code NOT_STARTED}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED}
     * @param startedAt     when it began, ISO-8601
     * @param versionBefore the data version it found
     * @param versionAfter  the data version it left
     * @param stepsApplied  the ids of the steps it applied
     * @param stepsPlanned  the ids of the steps a plan found pending
     * @param durationMs    how long it took
     * @param error         its error code (or exception class) when it failed
     * @param message       its error message when it failed
     */
    public record StartupDescriptor(String mode, String state, String startedAt, String versionBefore,
                                    String versionAfter, List<String> stepsApplied, List<String> stepsPlanned,
                                    Long durationMs, String error, String message) {
    }
}
