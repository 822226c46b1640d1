package dev.smartmigration.runtime.internal.plan;

import java.util.List;
import java.util.Objects;

/**
 * What a run does, decided by {@link Planner} from the ledger's version, the chain and the target.
 *
 * @param outcome        the kind of run
 * @param ledgerVersion  the ledger's version as read, {@code null} for a new ledger
 * @param stampVersion   for a new ledger, the version to record before any step runs ({@code null}: none)
 * @param steps          the steps to run, in order; empty unless {@code outcome} is {@link Outcome#MIGRATE}
 * @param freshInstall   whether the plan treats the data as a fresh install
 */
public record Plan(Outcome outcome, String ledgerVersion, String stampVersion, List<PlannedStep> steps,
                   boolean freshInstall) {

    /** The kinds of run. */
    public enum Outcome {
        /** The ledger is at the target: nothing to do. */
        UP_TO_DATE,
        /** The ledger is past the target (an older instance during a rolling deploy): nothing to do. */
        AHEAD_OF_TARGET,
        /** Record {@link #stampVersion()} if set, then run {@link #steps()} in order. */
        MIGRATE
    }

    /** Copies the steps and checks the outcome is set. */
    public Plan {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
    }

    /** @return whether the run writes nothing */
    public boolean isNoOp() {
        return outcome != Outcome.MIGRATE;
    }
}
