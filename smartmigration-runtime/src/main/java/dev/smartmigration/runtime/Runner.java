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
import java.util.function.Consumer;
import java.util.function.Predicate;
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
    private final String tenant;
    /** A fleet's chains, loaded once per fleet call; {@code null} for a single run. */
    private final ChainCache chains;
    private final String subject;
    private final String target;
    private final RunEvents events;
    private final long startNanos = System.nanoTime();
    /** The ledger as this call's full read found it; {@code null} until then. */
    private LedgerState state;
    /** The chain, checked, once the full read has loaded it. */
    private List<MigrationDefinition> chain;
    /** The applied steps the chain no longer matches, found by this call's full read of the ledger. */
    private List<EditedStep> edited = List.of();

    /**
     * How a call ended, as a fleet reports it per tenant.
     *
     * @param result  what {@code run} returns
     * @param outcome how it got there
     */
    record Ran(MigrationResult result, TenantOutcome outcome) {
    }

    Runner(MigrationConfig config, Ledger ledger) {
        this(config, ledger, null, null);
    }

    /**
     * @param config the configuration
     * @param ledger the ledger it names
     * @param tenant the fleet's tenant this run is for (steps see it, logs name it), or {@code null}
     * @param chains the fleet's chains (each loaded, checked and digested once per fleet call), or {@code null}
     */
    Runner(MigrationConfig config, Ledger ledger, String tenant, ChainCache chains) {
        this.config = config;
        this.ledger = ledger;
        this.tenant = tenant;
        this.chains = chains;
        this.events = new RunEvents(config);
        this.subject = "Ledger \"" + ledger.name() + "\"" + (tenant == null ? "" : " of tenant \"" + tenant + "\"");
        this.target = config.targetVersion().orElseThrow(() -> new SmartMigrationException(
                ErrorCode.MISSING_TARGET_VERSION, "run() and plan() need the data version this release expects: "
                + "call targetVersion(\"x.y.z\") on MigrationConfig.builder(). (info(), lockInfo() and "
                + "forceUnlock() work without one.)"));
    }

    /** A run, or with {@code dryRun} a plan; only a real run tells the listeners. */
    MigrationResult run() {
        return run(true, true, false).orElseThrow().result();
    }

    /**
     * A fleet tenant's run, which the fleet makes in two parts that its listeners see as one run. The first part
     * tries the lock once: when another instance holds it, the listeners are told {@code LockWaiting} and the run
     * stops there, to be continued by the second part (on a new runner of the same tenant), which waits up to
     * {@code lockWait}, like a single run.
     *
     * @param firstPart whether this is the first part
     * @return how the run ended; empty only from a first part that found the lock held
     */
    Optional<Ran> runTenant(boolean firstPart) {
        return firstPart ? run(true, false, false) : run(false, true, true);
    }

    /**
     * @param announce    whether to tell the listeners the run started
     * @param waitForLock whether to wait up to {@code lockWait} for another instance's lock, or leave at once
     * @param waitingTold whether the listeners were already told this run waits for the lock
     */
    private Optional<Ran> run(boolean announce, boolean waitForLock, boolean waitingTold) {
        if (config.dryRun()) {
            return attempt(true, waitForLock, true);
        }
        if (announce) {
            events.emit((name, at) -> new MigrationEvent.RunStarted(name, at, target, config.owner()));
        }
        try {
            Optional<Ran> ran = attempt(false, waitForLock, waitingTold);
            ran.ifPresent(r -> events.emit((name, at) -> new MigrationEvent.RunFinished(name, at, r.result())));
            return ran;
        } catch (RuntimeException | Error e) {
            events.emit((name, at) -> new MigrationEvent.RunFailed(name, at, e));
            throw e;
        }
    }

    /**
     * The run algorithm; without {@code waitForLock}, a ledger whose lock another instance holds is left at once.
     *
     * @return how the call ended; empty only without {@code waitForLock}, when another instance holds the lock and
     *         the ledger still needs work
     */
    private Optional<Ran> attempt(boolean planning, boolean waitForLock, boolean waitingTold) {
        Optional<Ran> settled = settledByHead(planning).or(() -> settledByFullRead(planning));
        if (settled.isPresent()) {
            return settled;
        }
        String before = state.version();
        // A chain that cannot reach the target fails here, before the lock is taken or anything is written.
        Plan plan = plan(before);
        if (planning) {
            return Optional.of(planned(plan));
        }
        Predicate<Optional<LedgerSnapshot>> done = snapshot ->
                Planner.outcome(version(snapshot), target) != Plan.Outcome.MIGRATE;
        Consumer<Optional<LockInfo>> waiting = waitingTold ? holder -> { }
                : holder -> events.emit((name, at) -> new MigrationEvent.LockWaiting(name, at, holder.orElse(null)));
        long lockNanos = System.nanoTime();
        LockAcquirer.Outcome lock = waitForLock
                ? LockAcquirer.acquire(ledger, config.owner(), config.lockTtl(), config.lockWait(), done, waiting)
                : LockAcquirer.tryOnce(ledger, config.owner(), config.lockTtl(), done);
        if (lock.held()) {
            waiting.accept(Optional.ofNullable(lock.holder()));
            LOG.debug("{} is locked by {}: moving on", subject,
                    lock.holder() == null ? "another instance" : lock.holder().owner());
            return Optional.empty();
        }
        if (!lock.acquired()) {
            String now = lock.settled().state().version();
            LOG.info("{} reached {} while this instance waited for the lock: nothing to do", subject, now);
            return settledBy(Planner.outcome(now, target), before, now, false, TenantOutcome.FINISHED_BY_OTHER);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - lockNanos);
        events.emit((name, at) -> new MigrationEvent.LockAcquired(name, at, waited));
        return Optional.of(runUnderLock(before, lock.lease(), lock.acquiredAtNanos()));
    }

    MigrationResult plan() {
        return settledByHead(true).or(() -> settledByFullRead(true))
                .orElseGet(() -> planned(plan(state.version()))).result();
    }

    /**
     * Reads and checks the whole ledger and the chain, and reports the applied steps the chain no longer matches;
     * keeps both for the rest of the call.
     *
     * @return the result when the ledger needs nothing more (up to date, or ahead of the target)
     */
    private Optional<Ran> settledByFullRead(boolean planning) {
        state = ledger.read().map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        Plan.Outcome outcome = Planner.outcome(state.version(), target);
        if (outcome != Plan.Outcome.AHEAD_OF_TARGET) {
            chain = chains == null ? Chains.load(config) : chains.apply(config);
            checkEdits();
        }
        Optional<Ran> settled = settledBy(outcome, state.version(), state.version(), planning,
                TenantOutcome.UP_TO_DATE);
        if (settled.isEmpty()) {
            Planner.checkFreshInstallVersion(chain, target, config.freshInstallVersion().orElse(null));
        }
        return settled;
    }

    /**
     * The fast path: the one small read of the version and the applied code's digest, which settles a call whose
     * ledger is ahead of the target, or at it with the applied steps' code unchanged.
     */
    private Optional<Ran> settledByHead(boolean planning) {
        Optional<LedgerHead> head = ledger.readHead();
        String version = head.map(LedgerHead::version).orElse(null);
        Plan.Outcome outcome = Planner.outcome(version, target);
        if (outcome == Plan.Outcome.UP_TO_DATE && !appliedCodeUnchanged(head.get().appliedCode(), version)) {
            return Optional.empty();
        }
        return settledBy(outcome, version, version, planning, TenantOutcome.UP_TO_DATE);
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
        ChainDigests digests = chains == null ? config.chainDigests(Chains.steps(config)) : chains.digests(config);
        return code.digest().equals(digests.digest(code.since(), version));
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
        String what = (tenant == null ? "" : "Tenant \"" + tenant + "\": ")
                + AppliedChanges.describe(edited, ledger.name());
        if (config.failIfMigrationsEdited()) {
            throw new SmartMigrationException(ErrorCode.MIGRATION_EDITED, what + " Nothing was run, because "
                    + "failIfMigrationsEdited is on.", Map.of("steps", String.join(",",
                    edited.stream().map(EditedStep::id).toList())), null);
        }
        LOG.warn("{} (MigrationResult.editedSteps() lists them; failIfMigrationsEdited makes this an error.)", what);
    }

    private Ran planned(Plan plan) {
        List<StepResult> skipped = plan.steps().stream().map(s -> StepResult.skipped(s.definition())).toList();
        String before = plan.ledgerVersion();
        LOG.info("Plan for {}: {} -> {}, {} step(s){}", lowerFirst(subject), shown(before), target, skipped.size(),
                plan.freshInstall() ? " after stamping fresh install " + plan.stampVersion() : "");
        return new Ran(result(before, before, false, plan.freshInstall(), false, List.of(), skipped),
                TenantOutcome.PLANNED);
    }

    private Ran runUnderLock(String before, Lease lease, long acquiredAtNanos) {
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
                LOG.warn("Releasing the lock of {} failed; it expires after lockTtl {}",
                        lowerFirst(subject), config.lockTtl(), releaseFailure);
                if (primary != null) {
                    primary.addSuppressed(releaseFailure);
                }
            }
        }
    }

    private Ran migrate(String before, LeaseKeeper keeper) {
        LedgerState locked = ledger.read().map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        Plan plan = plan(locked.version());
        if (plan.outcome() != Plan.Outcome.MIGRATE) {
            return settledBy(plan.outcome(), before, locked.version(), false, TenantOutcome.FINISHED_BY_OTHER)
                    .orElseThrow();
        }
        LedgerSession session = new LedgerSession(keeper, locked);
        if (plan.stampVersion() != null) {
            if (plan.freshInstall()) {
                FreshInstall stamp = new FreshInstall(plan.stampVersion(), config.clock().instant(), config.owner());
                session.update(s -> withAppliedCode(s.withFreshInstall(stamp)));
                LOG.info("{} was new and the stores empty (fresh install): stamped {}", subject,
                        plan.stampVersion());
            } else {
                session.update(s -> withAppliedCode(s.withVersion(plan.stampVersion())));
                LOG.info("{} was new and the chain starts there: stamped {}", subject, plan.stampVersion());
            }
        }
        List<StepResult> applied = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            applied.add(runStep(step, session));
        }
        String after = session.state().version();
        LOG.info("{} migrated from {} to {}: {} step(s) applied", subject, shown(before), after, applied.size());
        return new Ran(result(before, after, false, plan.freshInstall(), false, applied, List.of()),
                TenantOutcome.MIGRATED);
    }

    private StepResult runStep(PlannedStep planned, LedgerSession session) {
        MigrationDefinition d = planned.definition();
        session.keeper().checkHeld();
        if (planned.skipForward()) {
            LOG.warn("{} is at {}, inside step \"{}\" ({} -> {}): re-running the whole step, whose "
                    + "handler must be idempotent", subject, session.state().version(), d.id(),
                    d.from(), d.to());
        }
        events.emit((name, at) -> new MigrationEvent.StepStarted(name, at, d, planned.skipForward()));
        Instant startedAt = config.clock().instant();
        long t0 = System.nanoTime();
        try {
            d.factory().get().up(new StepContext(config, tenant, d, planned.skipForward(),
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
        LOG.info("{}: applied step \"{}\" ({} -> {}) in {} ms", subject, d.id(), d.from(), d.to(), durationMs);
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
                    + "\" failed after this run lost the lock of " + lowerFirst(subject) + "; the failure was "
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
                + "recorded in " + lowerFirst(subject) + (d.resumable() ? " and the step's checkpoints are "
                + "kept" : "") + ": fix the cause and start the application again to "
                + (d.resumable() ? "resume" : "re-run") + " the step.",
                Map.of("step", d.id(), "from", d.from(), "to", d.to(), "rootCause", rootCause), failure);
        try {
            session.update(s -> s.withHistoryEntry(entry));
        } catch (RuntimeException recordingFailure) {
            stepFailed.addSuppressed(recordingFailure);
        }
        LOG.error("{}: step \"{}\" ({} -> {}) failed after {} ms: {}", subject, d.id(), d.from(), d.to(),
                durationMs, error);
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
     * @param atTarget how to report a ledger found at the target: {@code UP_TO_DATE} when it was there before
     *                 this call, {@code FINISHED_BY_OTHER} when another instance brought it there meanwhile
     * @return that result, or empty when the outcome is to migrate
     * @throws SmartMigrationException {@code LEDGER_AHEAD_OF_TARGET} when ahead, configured so and not planning
     */
    private Optional<Ran> settledBy(Plan.Outcome outcome, String before, String now, boolean planning,
                                    TenantOutcome atTarget) {
        switch (outcome) {
            case UP_TO_DATE:
                if (tenant == null) {
                    LOG.info("{} is at the target {}: nothing to do", subject, now);
                } else {
                    LOG.debug("{} is at the target {}: nothing to do", subject, now);
                }
                return Optional.of(new Ran(result(before, now, true, false, false, List.of(), List.of()), atTarget));
            case AHEAD_OF_TARGET:
                if (config.failIfAheadOfTarget() && !planning) {
                    throw new SmartMigrationException(ErrorCode.LEDGER_AHEAD_OF_TARGET, lowerFirst(subject)
                            + " is at " + now + ", ahead of this release's target " + target
                            + ", and failIfAheadOfTarget is on. Deploy the release that expects " + now
                            + ", or turn failIfAheadOfTarget off to let older instances boot during a rolling "
                            + "deploy.", Map.of("ledgerVersion", now, "targetVersion", target), null);
                }
                LOG.warn("{} is at {}, ahead of this release's target {} (an older instance during a "
                        + "rolling deploy?): running nothing", subject, now, target);
                return Optional.of(new Ran(result(before, now, false, false, true, List.of(), List.of()),
                        TenantOutcome.AHEAD_OF_TARGET));
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

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String shown(String version) {
        return version == null ? "a new ledger" : version;
    }
}
