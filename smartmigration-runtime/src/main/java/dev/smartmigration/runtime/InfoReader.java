package dev.smartmigration.runtime;

import dev.smartmigration.chainrules.StrictVersion;
import dev.smartmigration.runtime.internal.ChainChecks;
import dev.smartmigration.runtime.internal.ledger.FreshInstall;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.plan.Plan;
import dev.smartmigration.runtime.internal.plan.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@link MigrationInfo} from one read of the ledger, the chain and the target. The decision what a run
 * would do is the {@link Planner}'s, exactly as for {@link MigrationRuntime#run}; this class only adds each step's
 * state and history.
 */
final class InfoReader {

    private InfoReader() {
    }

    /**
     * {@return the info}
     *
     * @param config       the configuration; its target may be unset
     * @param snapshot     the ledger as read, empty for a new ledger
     * @param chain        the chain's steps in order, checked
     * @param freshInstall whether every store is empty (looked at only for a ledger without a version)
     */
    static MigrationInfo info(MigrationConfig config, Optional<LedgerSnapshot> snapshot,
                              List<MigrationDefinition> chain, boolean freshInstall) {
        LedgerState state = snapshot.map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        LockInfo lock = snapshot.flatMap(LedgerSnapshot::lockInfo).orElse(null);
        String current = state.version();
        String target = config.targetVersion().orElse(chain.isEmpty() ? null : chain.get(chain.size() - 1).to());
        boolean fresh = current == null && freshInstall;

        TargetStatus status;
        String problem = null;
        String stampedByPlan = null;
        if (target == null) {
            status = TargetStatus.NO_TARGET;
        } else {
            try {
                Planner.checkFreshInstallVersion(chain, target, config.freshInstallVersion().orElse(null));
                Plan plan = Planner.plan(new Planner.Input(current, chain, target,
                        fresh && config.freshInstallVersion().isPresent(), config.freshInstallVersion().orElse(null)));
                status = switch (plan.outcome()) {
                    case UP_TO_DATE -> TargetStatus.AT_TARGET;
                    case AHEAD_OF_TARGET -> TargetStatus.AHEAD_OF_TARGET;
                    case MIGRATE -> TargetStatus.MIGRATION_PENDING;
                };
                stampedByPlan = plan.freshInstall() ? plan.stampVersion() : null;
            } catch (SmartMigrationException e) {
                if (e.code() != ErrorCode.TARGET_NOT_REACHABLE) {
                    throw e;
                }
                status = TargetStatus.UNREACHABLE;
                problem = e.getMessage();
            }
        }

        StrictVersion at = current == null ? null : ChainChecks.version(current, "the ledger's version");
        StrictVersion until = target == null ? null : ChainChecks.version(target, "targetVersion");
        FreshInstall stamp = state.freshInstall();
        StrictVersion stamped = stamp != null ? ChainChecks.version(stamp.version(), "the fresh-install version")
                : stampedByPlan != null ? ChainChecks.version(stampedByPlan, "freshInstallVersion") : null;

        Map<String, EditedStep> edits = new LinkedHashMap<>();
        for (EditedStep e : AppliedChanges.find(state.history(), chain)) {
            edits.put(e.id(), e);
        }
        Map<String, List<StepAttempt>> attempts = new LinkedHashMap<>();
        Map<String, HistoryEntry> lastEntry = new LinkedHashMap<>();
        for (HistoryEntry e : state.history()) {
            attempts.computeIfAbsent(e.id(), id -> new ArrayList<>()).add(StepAttempt.of(e));
            lastEntry.put(e.id(), e);
        }
        List<StepInfo> steps = new ArrayList<>();
        for (MigrationDefinition d : chain) {
            List<StepAttempt> tried = attempts.getOrDefault(d.id(), List.of());
            StrictVersion from = ChainChecks.version(d.from(), "a step version");
            StrictVersion to = ChainChecks.version(d.to(), "a step version");
            StepAttempt lastApplied = last(tried, StepAttempt.Status.APPLIED);
            StepState stepState;
            boolean skipForward = false;
            if (at != null && !at.isBefore(to)) {
                stepState = lastApplied != null ? StepState.APPLIED
                        : stamped != null && !stamped.isBefore(to) ? StepState.FRESH_INSTALL
                        : StepState.SKIPPED_FORWARD;
                skipForward = lastApplied != null && lastApplied.skipForward();
            } else if (until != null && to.isAfter(until)) {
                stepState = StepState.ABOVE_TARGET;
            } else if (at == null && stamped != null && !stamped.isBefore(to)) {
                stepState = StepState.FRESH_INSTALL;
            } else {
                stepState = !tried.isEmpty() && tried.get(tried.size() - 1).status() == StepAttempt.Status.FAILED
                        ? StepState.FAILED : StepState.PENDING;
                skipForward = at != null && at.isAfter(from);
            }
            steps.add(new StepInfo(d.id(), d.from(), d.to(), d.description(), d.resumable(), stepState, skipForward,
                    tried, state.checkpointsOf(d.id()), d.fingerprint(), edits.get(d.id())));
            attempts.remove(d.id());
        }
        attempts.forEach((id, tried) -> steps.add(new StepInfo(id, lastEntry.get(id).from(), lastEntry.get(id).to(),
                "", false, StepState.NOT_IN_CHAIN, false, tried, state.checkpointsOf(id), null, edits.get(id))));
        return new MigrationInfo(current, target, status, problem, steps, lock, fresh);
    }

    private static StepAttempt last(List<StepAttempt> attempts, StepAttempt.Status status) {
        StepAttempt found = null;
        for (StepAttempt a : attempts) {
            if (a.status() == status) {
                found = a;
            }
        }
        return found;
    }
}
