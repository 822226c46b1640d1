package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call of {@link MigrationRuntime#run} or {@link MigrationRuntime#plan}: the run algorithm of docs/runtime.md. */
final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRuntime.class);

    private final MigrationConfig config;
    private final Ledger ledger;
    private final long startNanos = System.nanoTime();

    Runner(MigrationConfig config, Ledger ledger) {
        this.config = config;
        this.ledger = ledger;
    }

    MigrationResult run() {
        Start start = start(false);
        if (start.settled() != null) {
            return start.settled();
        }
        String before = start.version();
        if (config.dryRun()) {
            return plan(before);
        }
        List<MigrationDefinition> chain = Chains.load(config);
        if (before != null) {
            // A chain that cannot reach the target from here fails now, without taking the lock or writing.
            plan(before, chain);
        }
        LockAcquirer.Outcome lock = LockAcquirer.acquire(ledger, config.owner(), config.lockTtl(), config.lockWait(),
                snapshot -> isAtOrPastTarget(version(snapshot)));
        if (!lock.acquired()) {
            String now = lock.settled() == null ? null : lock.settled().state().version();
            LOG.info("Ledger \"{}\" reached {} while this instance waited for the lock: nothing to do",
                    ledger.name(), now);
            return settledBy(before, now, false).orElseThrow();
        }
        return runUnderLock(before, chain, lock.lease(), lock.acquiredAtNanos());
    }

    MigrationResult plan() {
        Start start = start(true);
        return start.settled() != null ? start.settled() : plan(start.version());
    }

    /**
     * How a call begins: the version-only read, which settles a call at or past the target; otherwise (work to
     * do, or a new ledger) the whole ledger is read and checked before anything else, so a damaged record is
     * reported before a lock is taken or a plan is made.
     *
     * @param version  the ledger's version from the full read, when the call is not settled
     * @param settled  the call's result when the ledger needs nothing from this instance, else {@code null}
     */
    private record Start(String version, MigrationResult settled) { }

    private Start start(boolean planning) {
        String fast = ledger.readVersion().orElse(null);
        Optional<MigrationResult> settled = settledBy(fast, fast, planning);
        if (settled.isEmpty()) {
            String before = version(ledger.read());
            settled = settledBy(before, before, planning);
            if (settled.isEmpty()) {
                return new Start(before, null);
            }
        }
        return new Start(null, settled.get());
    }

    private MigrationResult plan(String before) {
        Plan plan = plan(before, Chains.load(config));
        List<StepResult> skipped = plan.steps().stream().map(s -> StepResult.skipped(s.definition())).toList();
        LOG.info("Plan for ledger \"{}\": {} -> {}, {} step(s){}", ledger.name(), shown(before), config.targetVersion(),
                skipped.size(), plan.freshInstall() ? " after stamping fresh install " + plan.stampVersion() : "");
        return result(before, before, false, plan.freshInstall(), false, List.of(), skipped);
    }

    private MigrationResult runUnderLock(String before, List<MigrationDefinition> chain, Lease lease,
                                         long acquiredAtNanos) {
        LeaseKeeper keeper = LeaseKeeper.start(ledger, lease, acquiredAtNanos);
        Throwable primary = null;
        try {
            return migrate(before, chain, keeper);
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

    private MigrationResult migrate(String before, List<MigrationDefinition> chain, LeaseKeeper keeper) {
        LedgerState state = ledger.read().map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        Optional<MigrationResult> settled = settledBy(before, state.version(), false);
        if (settled.isPresent()) {
            return settled.get();
        }
        Plan plan = plan(state.version(), chain);
        LedgerSession session = new LedgerSession(keeper, state);
        if (plan.stampVersion() != null) {
            session.update(s -> s.withVersion(plan.stampVersion()));
            LOG.info("Ledger \"{}\" was new{}: stamped {}", ledger.name(),
                    plan.freshInstall() ? " and the stores empty (fresh install)" : " and the chain starts there",
                    plan.stampVersion());
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
        Instant startedAt = config.clock().instant();
        long t0 = System.nanoTime();
        try {
            d.factory().get().up(new StepContext(config, d, planned.skipForward(),
                    new StepCheckpoints(d.id(), session)));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable failure) {
            throw recordFailure(planned, session, startedAt, t0, failure);
        }
        Instant finishedAt = config.clock().instant();
        long durationMs = elapsedMillis(t0);
        HistoryEntry entry = new HistoryEntry(d.id(), d.from(), d.to(), HistoryEntry.Status.APPLIED,
                startedAt, finishedAt, durationMs, config.owner(), planned.skipForward(), null, null);
        session.update(s -> s.withHistoryEntry(entry).withVersion(d.to()).withCheckpoints(d.id(), Map.of()));
        LOG.info("Applied step \"{}\" ({} -> {}) in {} ms", d.id(), d.from(), d.to(), durationMs);
        return new StepResult(d.id(), d.from(), d.to(), StepResult.Status.APPLIED, startedAt,
                finishedAt, Duration.ofMillis(durationMs), null);
    }

    private SmartMigrationException recordFailure(PlannedStep planned, LedgerSession session, Instant startedAt,
                                                  long t0, Throwable failure) {
        MigrationDefinition d = planned.definition();
        if (failure instanceof SmartMigrationException sme && sme.code() == ErrorCode.LOCK_LOST) {
            return sme;
        }
        if (session.keeper().isLost()) {
            SmartMigrationException lost = new SmartMigrationException(ErrorCode.LOCK_LOST, "step \"" + d.id()
                    + "\" failed after this run lost the lock of ledger \"" + ledger.name() + "\"; the failure was "
                    + "not recorded, and the instance that holds the lock now continues the migration.",
                    Map.of("step", d.id()), failure);
            return lost;
        }
        String error = failure.getClass().getName() + ": " + failure.getMessage();
        long durationMs = elapsedMillis(t0);
        HistoryEntry entry = new HistoryEntry(d.id(), d.from(), d.to(), HistoryEntry.Status.FAILED,
                startedAt, config.clock().instant(), durationMs, config.owner(), planned.skipForward(), error,
                stackTrace(failure));
        SmartMigrationException stepFailed = new SmartMigrationException(ErrorCode.STEP_FAILED, "step \"" + d.id()
                + "\" (" + d.from() + " -> " + d.to() + ") failed: " + error + ". The failure is "
                + "recorded in ledger \"" + ledger.name() + "\" and the step's checkpoints are kept: fix the cause "
                + "and start the application again to resume at " + d.from() + ".",
                Map.of("step", d.id(), "from", d.from(), "to", d.to()), failure);
        try {
            session.update(s -> s.withHistoryEntry(entry));
        } catch (RuntimeException recordingFailure) {
            stepFailed.addSuppressed(recordingFailure);
        }
        LOG.error("Step \"{}\" ({} -> {}) failed after {} ms: {}", d.id(), d.from(), d.to(),
                durationMs, error);
        return stepFailed;
    }

    private Plan plan(String ledgerVersion, List<MigrationDefinition> chain) {
        boolean fresh = ledgerVersion == null && config.freshInstallVersion().isPresent()
                && Ledgers.isFreshInstall(config);
        return Planner.plan(new Planner.Input(ledgerVersion, chain, config.targetVersion(), fresh,
                config.freshInstallVersion().orElse(null)));
    }

    /** The result when the ledger at {@code now} needs nothing from this instance, else empty. */
    private Optional<MigrationResult> settledBy(String before, String now, boolean planning) {
        if (now == null) {
            return Optional.empty();
        }
        if (now.equals(config.targetVersion())) {
            LOG.info("Ledger \"{}\" is at the target {}: nothing to do", ledger.name(), now);
            return Optional.of(result(before, now, true, false, false, List.of(), List.of()));
        }
        if (!isAtOrPastTarget(now)) {
            return Optional.empty();
        }
        if (config.failIfAheadOfTarget() && !planning) {
            throw new SmartMigrationException(ErrorCode.LEDGER_AHEAD_OF_TARGET, "ledger \"" + ledger.name()
                    + "\" is at " + now + ", ahead of this release's target " + config.targetVersion()
                    + ", and failIfAheadOfTarget is on. Deploy the release that expects " + now
                    + ", or turn failIfAheadOfTarget off to let older instances boot during a rolling deploy.",
                    Map.of("ledgerVersion", now, "targetVersion", config.targetVersion()), null);
        }
        LOG.warn("Ledger \"{}\" is at {}, ahead of this release's target {} (an older instance during a rolling "
                + "deploy?): running nothing", ledger.name(), now, config.targetVersion());
        return Optional.of(result(before, now, false, false, true, List.of(), List.of()));
    }

    private boolean isAtOrPastTarget(String version) {
        return version != null && !StrictVersion.of(version, "the ledger's version")
                .isBefore(StrictVersion.of(config.targetVersion(), "targetVersion"));
    }

    private MigrationResult result(String before, String after, boolean upToDate, boolean fresh, boolean ahead,
                                   List<StepResult> applied, List<StepResult> skipped) {
        return new MigrationResult(before, after, config.targetVersion(), upToDate, fresh, ahead, applied, skipped,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String version(Optional<LedgerSnapshot> snapshot) {
        return snapshot.map(s -> s.state().version()).orElse(null);
    }

    private static long elapsedMillis(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
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
