package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.FreshInstall;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerHead;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.lock.LeaseKeeper;
import dev.smartmigration.runtime.internal.lock.LockAcquirer;
import dev.smartmigration.runtime.internal.plan.Plan;
import dev.smartmigration.runtime.internal.plan.PlannedStep;
import dev.smartmigration.runtime.internal.plan.Planner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link MigrationRuntime#run} or {@link MigrationRuntime#plan}: the run algorithm of docs/runtime.md.
 * Every decision about what to do (up to date, ahead of the target, which steps) is the {@link Planner}'s; the
 * runner reads the ledger, asks the planner, and acts on its answer.
 */
final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRuntime.class);

    private final MigrationConfig config;
    private final Ledger ledger;
    private final String target;
    private final RunEvents events;
    private final long startNanos = System.nanoTime();
    /** The ledger as this call's full read found it; {@code null} until then. */
    private LedgerState state;
    /** The chain, checked, once the full read has loaded it. */
    private List<MigrationDefinition> chain;
    /** The applied steps the chain no longer matches, found by this call's full read of the ledger. */
    private List<EditedStep> edited = List.of();

    Runner(MigrationConfig config, Ledger ledger) {
        this.config = config;
        this.ledger = ledger;
        this.events = new RunEvents(config);
        this.target = config.targetVersion().orElseThrow(() -> new SmartMigrationException(
                ErrorCode.MISSING_TARGET_VERSION, "run() and plan() need the data version this release expects: "
                + "call targetVersion(\"x.y.z\") on MigrationConfig.builder(). (info(), lockInfo() and "
                + "forceUnlock() work without one.)"));
    }

    /** A run, or with {@code dryRun} a plan; only a real run tells the listeners. */
    MigrationResult run() {
        if (config.dryRun()) {
            return run(true);
        }
        events.emit((name, at) -> new MigrationEvent.RunStarted(name, at, target, config.owner()));
        try {
            MigrationResult result = run(false);
            events.emit((name, at) -> new MigrationEvent.RunFinished(name, at, result));
            return result;
        } catch (RuntimeException | Error e) {
            events.emit((name, at) -> new MigrationEvent.RunFailed(name, at, e));
            throw e;
        }
    }

    private MigrationResult run(boolean planning) {
        Optional<MigrationResult> settled = settledByHead(planning).or(() -> settledByFullRead(planning));
        if (settled.isPresent()) {
            return settled.get();
        }
        String before = state.version();
        // A chain that cannot reach the target fails here, before the lock is taken or anything is written.
        Plan plan = plan(before);
        if (planning) {
            return planned(plan);
        }
        long lockNanos = System.nanoTime();
        LockAcquirer.Outcome lock = LockAcquirer.acquire(ledger, config.owner(), config.lockTtl(), config.lockWait(),
                snapshot -> Planner.outcome(version(snapshot), target) != Plan.Outcome.MIGRATE,
                holder -> events.emit((name, at) -> new MigrationEvent.LockWaiting(name, at, holder.orElse(null))));
        if (!lock.acquired()) {
            String now = lock.settled() == null ? null : lock.settled().state().version();
            LOG.info("Ledger \"{}\" reached {} while this instance waited for the lock: nothing to do",
                    ledger.name(), now);
            return settledBy(Planner.outcome(now, target), before, now, false).orElseThrow();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - lockNanos);
        events.emit((name, at) -> new MigrationEvent.LockAcquired(name, at, waited));
        return runUnderLock(before, lock.lease(), lock.acquiredAtNanos());
    }

    MigrationResult plan() {
        return settledByHead(true).or(() -> settledByFullRead(true))
                .orElseGet(() -> planned(plan(state.version())));
    }

    /**
     * Reads and checks the whole ledger and the chain, and reports the applied steps the chain no longer matches;
     * keeps both for the rest of the call.
     *
     * @return the result when the ledger needs nothing more (up to date, or ahead of the target)
     */
    private Optional<MigrationResult> settledByFullRead(boolean planning) {
        state = ledger.read().map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        Plan.Outcome outcome = Planner.outcome(state.version(), target);
        if (outcome != Plan.Outcome.AHEAD_OF_TARGET) {
            chain = Chains.load(config);
            checkEdits();
        }
        Optional<MigrationResult> settled = settledBy(outcome, state.version(), state.version(), planning);
        if (settled.isEmpty()) {
            Planner.checkFreshInstallVersion(chain, target, config.freshInstallVersion().orElse(null));
        }
        return settled;
    }

    /**
     * The fast path: the one small read of the version and the applied code's digest, which settles a call whose
     * ledger is ahead of the target, or at it with the applied steps' code unchanged.
     */
    private Optional<MigrationResult> settledByHead(boolean planning) {
        Optional<LedgerHead> head = ledger.readHead();
        String version = head.map(LedgerHead::version).orElse(null);
        Plan.Outcome outcome = Planner.outcome(version, target);
        if (outcome == Plan.Outcome.UP_TO_DATE && !appliedCodeUnchanged(head.get().appliedCode(), version)) {
            return Optional.empty();
        }
        return settledBy(outcome, version, version, planning);
    }

    /**
     * Whether the digest the ledger keeps of its applied steps' code is the digest of this chain's steps: then no
     * applied step was edited, re-ranged or removed since a run last checked them, and the history need not be read.
     * A ledger last written before fingerprints has no digest: its steps are checked by its next full read (a run
     * with work to do, {@code info}, {@code validate}).
     */
    private boolean appliedCodeUnchanged(AppliedCode code, String version) {
        if (code == null) {
            return true;
        }
        if (code.digest() == null) {
            return false;
        }
        return code.digest().equals(config.chainDigests(Chains.steps(config)).digest(code.since(), version));
    }

    /**
     * The applied steps the chain no longer matches, from the whole ledger: each logged at WARN and kept for the
     * result, or, with {@code failIfMigrationsEdited}, {@code MIGRATION_EDITED} before anything runs.
     *
     * <p>Not when the ledger is ahead of the target: an older release, whose chain lacks the newer steps, does not
     * judge them.
     */
    private void checkEdits() {
        edited = AppliedChanges.find(state.history(), chain);
        if (edited.isEmpty()) {
            return;
        }
        String what = AppliedChanges.describe(edited, ledger.name());
        if (config.failIfMigrationsEdited()) {
            throw new SmartMigrationException(ErrorCode.MIGRATION_EDITED, what + " Nothing was run, because "
                    + "failIfMigrationsEdited is on.", Map.of("steps", String.join(",",
                    edited.stream().map(EditedStep::id).toList())), null);
        }
        LOG.warn("{} (MigrationResult.editedSteps() lists them; failIfMigrationsEdited makes this an error.)", what);
    }

    private MigrationResult planned(Plan plan) {
        List<StepResult> skipped = plan.steps().stream().map(s -> StepResult.skipped(s.definition())).toList();
        String before = plan.ledgerVersion();
        LOG.info("Plan for ledger \"{}\": {} -> {}, {} step(s){}", ledger.name(), shown(before), target,
                skipped.size(), plan.freshInstall() ? " after stamping fresh install " + plan.stampVersion() : "");
        return result(before, before, false, plan.freshInstall(), false, List.of(), skipped);
    }

    private MigrationResult runUnderLock(String before, Lease lease,
                                         long acquiredAtNanos) {
        LeaseKeeper keeper = LeaseKeeper.start(ledger, lease, acquiredAtNanos);
        Throwable primary = null;
        try {
            return migrate(before, keeper);
        } catch (RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            keeper.close();
            try {
                ledger.release(lease);
            } catch (RuntimeException releaseFailure) {
                LOG.warn("Releasing the lock of ledger \"{}\" failed; it expires after lockTtl {}",
                        ledger.name(), config.lockTtl(), releaseFailure);
                if (primary != null) {
                    primary.addSuppressed(releaseFailure);
                }
            }
        }
    }

    private MigrationResult migrate(String before, LeaseKeeper keeper) {
        LedgerState locked = ledger.read().map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        Plan plan = plan(locked.version());
        if (plan.outcome() != Plan.Outcome.MIGRATE) {
            return settledBy(plan.outcome(), before, locked.version(), false).orElseThrow();
        }
        LedgerSession session = new LedgerSession(keeper, locked);
        if (plan.stampVersion() != null) {
            if (plan.freshInstall()) {
                FreshInstall stamp = new FreshInstall(plan.stampVersion(), config.clock().instant(), config.owner());
                session.update(s -> withAppliedCode(s.withFreshInstall(stamp)));
                LOG.info("Ledger \"{}\" was new and the stores empty (fresh install): stamped {}", ledger.name(),
                        plan.stampVersion());
            } else {
                session.update(s -> withAppliedCode(s.withVersion(plan.stampVersion())));
                LOG.info("Ledger \"{}\" was new and the chain starts there: stamped {}", ledger.name(),
                        plan.stampVersion());
            }
        }
        List<StepResult> applied = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            applied.add(runStep(step, session));
        }
        String after = session.state().version();
        LOG.info("Ledger \"{}\" migrated from {} to {}: {} step(s) applied", ledger.name(), shown(before), after,
                applied.size());
        return result(before, after, false, plan.freshInstall(), false, applied, List.of());
    }

    private StepResult runStep(PlannedStep planned, LedgerSession session) {
        MigrationDefinition d = planned.definition();
        session.keeper().checkHeld();
        if (planned.skipForward()) {
            LOG.warn("Ledger \"{}\" is at {}, inside step \"{}\" ({} -> {}): re-running the whole step, whose "
                    + "handler must be idempotent", ledger.name(), session.state().version(), d.id(),
                    d.from(), d.to());
        }
        events.emit((name, at) -> new MigrationEvent.StepStarted(name, at, d, planned.skipForward()));
        Instant startedAt = config.clock().instant();
        long t0 = System.nanoTime();
        try {
            d.factory().get().up(new StepContext(config, d, planned.skipForward(),
                    new StepCheckpoints(d.id(), session, events), events));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable failure) {
            Duration ran = Duration.ofNanos(System.nanoTime() - t0);
            events.emit((name, at) -> new MigrationEvent.StepFailed(name, at, d, ran, failure));
            throw recordFailure(planned, session, startedAt, t0, failure);
        }
        Instant finishedAt = config.clock().instant();
        long durationMs = elapsedMillis(t0);
        HistoryEntry entry = new HistoryEntry(d.id(), d.from(), d.to(), HistoryEntry.Status.APPLIED,
                startedAt, finishedAt, durationMs, config.owner(), planned.skipForward(), null, null, null,
                d.fingerprint());
        session.update(s -> withAppliedCode(s.withHistoryEntry(entry).withVersion(d.to())
                .withCheckpoints(d.id(), Map.of())));
        LOG.info("Applied step \"{}\" ({} -> {}) in {} ms", d.id(), d.from(), d.to(), durationMs);
        StepResult result = new StepResult(d.id(), d.from(), d.to(), StepResult.Status.APPLIED, startedAt, finishedAt,
                Duration.ofMillis(durationMs));
        events.emit((name, at) -> new MigrationEvent.StepApplied(name, at, result));
        return result;
    }

    private SmartMigrationException recordFailure(PlannedStep planned, LedgerSession session, Instant startedAt,
                                                  long t0, Throwable failure) {
        MigrationDefinition d = planned.definition();
        if (failure instanceof SmartMigrationException sme && sme.code() == ErrorCode.LOCK_LOST) {
            return sme;
        }
        if (session.keeper().isLost()) {
            return new SmartMigrationException(ErrorCode.LOCK_LOST, "step \"" + d.id()
                    + "\" failed after this run lost the lock of ledger \"" + ledger.name() + "\"; the failure was "
                    + "not recorded, and the instance that holds the lock now continues the migration.",
                    Map.of("step", d.id()), failure);
        }
        String error = describe(failure);
        String rootCause = describe(rootCause(failure));
        long durationMs = elapsedMillis(t0);
        HistoryEntry entry = new HistoryEntry(d.id(), d.from(), d.to(), HistoryEntry.Status.FAILED,
                startedAt, config.clock().instant(), durationMs, config.owner(), planned.skipForward(), error,
                stackTrace(failure), rootCause, d.fingerprint());
        SmartMigrationException stepFailed = new SmartMigrationException(ErrorCode.STEP_FAILED, "step \"" + d.id()
                + "\" (" + d.from() + " -> " + d.to() + ") failed: " + withoutFinalStop(error)
                + (rootCause.equals(error) ? "" : ", caused by " + withoutFinalStop(rootCause)) + ". The failure is "
                + "recorded in ledger \"" + ledger.name() + "\"" + (d.resumable() ? " and the step's checkpoints are "
                + "kept" : "") + ": fix the cause and start the application again to "
                + (d.resumable() ? "resume" : "re-run") + " the step.",
                Map.of("step", d.id(), "from", d.from(), "to", d.to(), "rootCause", rootCause), failure);
        try {
            session.update(s -> s.withHistoryEntry(entry));
        } catch (RuntimeException recordingFailure) {
            stepFailed.addSuppressed(recordingFailure);
        }
        LOG.error("Step \"{}\" ({} -> {}) failed after {} ms: {}", d.id(), d.from(), d.to(), durationMs, error);
        return stepFailed;
    }

    /** @return the state with the digest of its applied steps' code, for the fast path of the runs that follow */
    private LedgerState withAppliedCode(LedgerState next) {
        return next.withAppliedCode(AppliedChanges.appliedCode(next, chain, config.chainDigests(chain)));
    }

    private Plan plan(String ledgerVersion) {
        boolean fresh = ledgerVersion == null && config.freshInstallVersion().isPresent()
                && Ledgers.isFreshInstall(config);
        return Planner.plan(new Planner.Input(ledgerVersion, chain, target, fresh,
                config.freshInstallVersion().orElse(null)));
    }

    /**
     * The result of a call the ledger needs nothing more from: up to date, or ahead of the target.
     *
     * @return that result, or empty when the outcome is to migrate
     * @throws SmartMigrationException {@code LEDGER_AHEAD_OF_TARGET} when ahead, configured so and not planning
     */
    private Optional<MigrationResult> settledBy(Plan.Outcome outcome, String before, String now, boolean planning) {
        switch (outcome) {
            case UP_TO_DATE:
                LOG.info("Ledger \"{}\" is at the target {}: nothing to do", ledger.name(), now);
                return Optional.of(result(before, now, true, false, false, List.of(), List.of()));
            case AHEAD_OF_TARGET:
                if (config.failIfAheadOfTarget() && !planning) {
                    throw new SmartMigrationException(ErrorCode.LEDGER_AHEAD_OF_TARGET, "ledger \"" + ledger.name()
                            + "\" is at " + now + ", ahead of this release's target " + target
                            + ", and failIfAheadOfTarget is on. Deploy the release that expects " + now
                            + ", or turn failIfAheadOfTarget off to let older instances boot during a rolling "
                            + "deploy.", Map.of("ledgerVersion", now, "targetVersion", target), null);
                }
                LOG.warn("Ledger \"{}\" is at {}, ahead of this release's target {} (an older instance during a "
                        + "rolling deploy?): running nothing", ledger.name(), now, target);
                return Optional.of(result(before, now, false, false, true, List.of(), List.of()));
            default:
                return Optional.empty();
        }
    }

    private MigrationResult result(String before, String after, boolean upToDate, boolean fresh, boolean ahead,
                                   List<StepResult> applied, List<StepResult> skipped) {
        return new MigrationResult(before, after, target, upToDate, fresh, ahead, applied, skipped, edited,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String version(Optional<LedgerSnapshot> snapshot) {
        return snapshot.map(s -> s.state().version()).orElse(null);
    }

    private static long elapsedMillis(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }

    private static String withoutFinalStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage();
    }

    /** {@return the innermost cause of {@code t}, or {@code t} itself when it has none (cause cycles are cut)} */
    private static Throwable rootCause(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = t;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String shown(String version) {
        return version == null ? "a new ledger" : version;
    }
}
