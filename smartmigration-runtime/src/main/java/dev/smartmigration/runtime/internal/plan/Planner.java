package dev.smartmigration.runtime.internal.plan;

import dev.smartmigration.chainrules.StrictVersion;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ChainChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what a run does. Pure: no I/O, no clock, no logging.
 *
 * <pre>{@code
 * Plan plan = Planner.plan(new Planner.Input("1.1.0", chain.steps(), "2.0.0", false, null));
 * plan.steps().forEach(s -> System.out.println(s.definition().id()));
 * }</pre>
 */
public final class Planner {

    /**
     * Everything a plan depends on.
     *
     * @param ledgerVersion       the ledger's version, {@code null} for a new ledger
     * @param chain               the steps in chain order, already checked by the chain rules
     * @param targetVersion       the version the application expects
     * @param freshInstall        whether every configured store holds no application data (only looked at for
     *                            a new ledger)
     * @param freshInstallVersion the version to stamp on a fresh install, or {@code null}
     */
    public record Input(String ledgerVersion, List<MigrationDefinition> chain, String targetVersion,
                        boolean freshInstall, String freshInstallVersion) {

        /** Copies the chain and checks the required values are set. */
        public Input {
            chain = List.copyOf(chain);
            Objects.requireNonNull(targetVersion, "targetVersion");
        }
    }

    private Planner() {
    }

    /**
     * Plans a run.
     *
     * @param in the ledger's version, the chain and the target
     * @return the plan
     * @throws SmartMigrationException {@link ErrorCode#TARGET_NOT_REACHABLE} when the chain cannot take the data
     *         from where it is to the target; {@link ErrorCode#INVALID_OPTIONS} when {@code freshInstallVersion}
     *         is not a version of the chain
     */
    public static Plan plan(Input in) {
        Plan.Outcome outcome = outcome(in.ledgerVersion(), in.targetVersion());
        if (outcome != Plan.Outcome.MIGRATE) {
            return new Plan(outcome, in.ledgerVersion(), null, List.of(), false);
        }
        StrictVersion target = ChainChecks.version(in.targetVersion(), "targetVersion");
        if (in.ledgerVersion() == null) {
            return planNewLedger(in, target);
        }
        StrictVersion current = ChainChecks.version(in.ledgerVersion(), "the ledger's version");
        return new Plan(Plan.Outcome.MIGRATE, in.ledgerVersion(), null, stepsBetween(in.chain(), current, target),
                false);
    }

    /**
     * The part of the decision that needs only the ledger's version, so a run can take it from the version-only
     * read without loading the chain: {@link Plan#outcome()} of {@link #plan} for the same versions.
     *
     * @param ledgerVersion the ledger's version, {@code null} for a new ledger
     * @param targetVersion the version the application expects
     * @return {@code UP_TO_DATE} at the target, {@code AHEAD_OF_TARGET} past it, else {@code MIGRATE}
     * @throws SmartMigrationException {@link ErrorCode#INVALID_VERSION} for a version that is not strict
     */
    public static Plan.Outcome outcome(String ledgerVersion, String targetVersion) {
        if (ledgerVersion == null) {
            return Plan.Outcome.MIGRATE;
        }
        StrictVersion current = ChainChecks.version(ledgerVersion, "the ledger's version");
        StrictVersion target = ChainChecks.version(targetVersion, "targetVersion");
        if (current.equals(target)) {
            return Plan.Outcome.UP_TO_DATE;
        }
        return current.isAfter(target) ? Plan.Outcome.AHEAD_OF_TARGET : Plan.Outcome.MIGRATE;
    }

    /**
     * Checks that {@code freshInstallVersion} is a version the chain can continue from: the target, or a
     * version where a step starts or ends, not after the target.
     *
     * @param chain               the steps in chain order
     * @param targetVersion       the target
     * @param freshInstallVersion the configured value, or {@code null} (always accepted)
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} explaining which versions are allowed
     */
    public static void checkFreshInstallVersion(List<MigrationDefinition> chain, String targetVersion,
                                                String freshInstallVersion) {
        if (freshInstallVersion == null || freshInstallVersion.equals(targetVersion)) {
            return;
        }
        StrictVersion fresh = ChainChecks.version(freshInstallVersion, "freshInstallVersion");
        StrictVersion target = ChainChecks.version(targetVersion, "targetVersion");
        List<String> boundaries = new ArrayList<>();
        for (MigrationDefinition d : chain) {
            if (boundaries.isEmpty()) {
                boundaries.add(d.from());
            }
            boundaries.add(d.to());
        }
        boolean onChain = boundaries.contains(freshInstallVersion);
        if (!onChain || fresh.isAfter(target)) {
            List<String> allowed = new ArrayList<>();
            for (String b : boundaries) {
                if (!ChainChecks.version(b, "a step version").isAfter(target) && !b.equals(targetVersion)) {
                    allowed.add(b);
                }
            }
            allowed.add(targetVersion);
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "freshInstallVersion = \"" + freshInstallVersion + "\" is not "
                            + (onChain ? "at or before the target " + targetVersion
                                       : "a version where a step of the chain starts or ends")
                            + ", so the steps after a fresh install could not continue from it. Use one of "
                            + allowed + " (usually the target).",
                    Map.of("freshInstallVersion", freshInstallVersion, "targetVersion", targetVersion), null);
        }
    }

    private static Plan planNewLedger(Input in, StrictVersion target) {
        List<MigrationDefinition> chain = in.chain();
        if (in.freshInstall() && in.freshInstallVersion() != null) {
            checkFreshInstallVersion(chain, in.targetVersion(), in.freshInstallVersion());
            StrictVersion stamp = ChainChecks.version(in.freshInstallVersion(), "freshInstallVersion");
            List<PlannedStep> steps = stamp.equals(target) ? List.of() : stepsBetween(chain, stamp, target);
            return new Plan(Plan.Outcome.MIGRATE, null, in.freshInstallVersion(), steps, true);
        }
        if (chain.isEmpty()) {
            return new Plan(Plan.Outcome.MIGRATE, null, in.targetVersion(), List.of(), false);
        }
        StrictVersion start = ChainChecks.version(chain.get(0).from(), "the chain's first version");
        if (start.equals(target)) {
            return new Plan(Plan.Outcome.MIGRATE, null, in.targetVersion(), List.of(), false);
        }
        if (start.isAfter(target)) {
            throw notReachable("the chain starts at " + start + ", after the target " + target
                    + ". Set targetVersion to a version of the chain, or remove the steps after it.",
                    null, target);
        }
        return new Plan(Plan.Outcome.MIGRATE, null, null, stepsBetween(chain, start, target), false);
    }

    private static List<PlannedStep> stepsBetween(List<MigrationDefinition> chain, StrictVersion current,
                                                  StrictVersion target) {
        if (chain.isEmpty()) {
            throw notReachable("the data is at " + current + " but the chain has no steps to reach " + target
                    + ". Add the migrations up to " + target + ", or set targetVersion to " + current + ".",
                    current, target);
        }
        int startIndex = -1;
        boolean skipForward = false;
        for (int i = 0; i < chain.size() && startIndex < 0; i++) {
            MigrationDefinition d = chain.get(i);
            StrictVersion from = version(d.from());
            StrictVersion to = version(d.to());
            if (from.equals(current)) {
                startIndex = i;
            } else if (from.isBefore(current) && to.isAfter(current)) {
                startIndex = i;
                skipForward = true;
            }
        }
        if (startIndex < 0) {
            MigrationDefinition first = chain.get(0);
            MigrationDefinition last = chain.get(chain.size() - 1);
            String where = current.isBefore(version(first.from()))
                    ? "before the chain's first step \"" + first.id() + "\" (from " + first.from() + ")"
                    : "at or past the end of the chain (its last step \"" + last.id() + "\" ends at "
                            + last.to() + ")";
            throw notReachable("the data is at " + current + ", " + where + ", so no step can take it to "
                    + target + ". Add the missing migrations, or check that this is the right ledger.",
                    current, target);
        }
        List<PlannedStep> steps = new ArrayList<>();
        for (int i = startIndex; i < chain.size(); i++) {
            MigrationDefinition d = chain.get(i);
            StrictVersion to = version(d.to());
            if (to.isAfter(target)) {
                throw notReachable("step \"" + d.id() + "\" goes from " + d.from() + " to " + d.to()
                        + ", past the target " + target + ": no step ends at " + target + ". Set targetVersion to "
                        + d.from() + " or " + d.to() + ".", current, target);
            }
            steps.add(new PlannedStep(d, skipForward && i == startIndex));
            if (to.equals(target)) {
                return steps;
            }
        }
        MigrationDefinition last = chain.get(chain.size() - 1);
        throw notReachable("the chain ends at " + last.to() + " (step \"" + last.id() + "\"), before the target "
                + target + ". Add the migrations up to " + target + ", or set targetVersion to "
                + last.to() + ".", current, target);
    }

    private static StrictVersion version(String text) {
        return ChainChecks.version(text, "a step version");
    }

    private static SmartMigrationException notReachable(String message, StrictVersion current,
                                                        StrictVersion target) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ledgerVersion", current == null ? null : current.toString());
        details.put("targetVersion", target.toString());
        return new SmartMigrationException(ErrorCode.TARGET_NOT_REACHABLE, message, details, null);
    }
}
