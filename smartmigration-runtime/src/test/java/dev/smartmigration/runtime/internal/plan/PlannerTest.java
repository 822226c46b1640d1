package dev.smartmigration.runtime.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    /** 1.0.0 -a-> 1.1.0 -b-> 1.3.0 -c-> 2.0.0 */
    private static final List<MigrationDefinition> CHAIN = MigrationChain.builder()
            .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
            .step("b").from("1.1.0").to("1.3.0").up(ctx -> { })
            .step("c").from("1.3.0").to("2.0.0").up(ctx -> { })
            .build().steps();

    private static Plan plan(String ledger, String target) {
        return Planner.plan(new Planner.Input(ledger, CHAIN, target, false, null));
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(s -> s.definition().id()).toList();
    }

    private static void assertNotReachable(String ledger, String target, String messagePart) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> plan(ledger, target));
        assertEquals(ErrorCode.TARGET_NOT_REACHABLE, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    /** The fast path decides from the version alone; the decision must be the full plan's for every case. */
    @Test
    void outcomeFromTheVersionAlone_isThePlansOutcome() {
        for (String ledger : new String[] {null, "1.0.0", "1.1.0", "1.1.5", "2.0.0"}) {
            for (String target : new String[] {"1.0.0", "1.1.0", "2.0.0"}) {
                Plan.Outcome fast = Planner.outcome(ledger, target);
                if (fast == Plan.Outcome.MIGRATE) {
                    continue;
                }
                assertEquals(fast, plan(ledger, target).outcome(), ledger + " -> " + target);
            }
        }
        assertEquals(Plan.Outcome.MIGRATE, Planner.outcome(null, "1.0.0"));
        assertEquals(Plan.Outcome.UP_TO_DATE, Planner.outcome("1.1.0", "1.1.0"));
        assertEquals(Plan.Outcome.AHEAD_OF_TARGET, Planner.outcome("2.0.0", "1.1.0"));
        assertEquals(Plan.Outcome.MIGRATE, Planner.outcome("1.0.0", "2.0.0"));
    }

    @Test
    void ledgerAtTarget_isUpToDate() {
        Plan p = plan("1.3.0", "1.3.0");
        assertEquals(Plan.Outcome.UP_TO_DATE, p.outcome());
        assertTrue(p.isNoOp());
        assertEquals(List.of(), p.steps());
    }

    @Test
    void ledgerPastTarget_isAheadAndRunsNothing() {
        Plan p = plan("2.0.0", "1.1.0");
        assertEquals(Plan.Outcome.AHEAD_OF_TARGET, p.outcome());
        assertEquals(List.of(), p.steps());
    }

    @Test
    void ledgerAheadOfTargetAndOffTheChain_isStillAhead() {
        assertEquals(Plan.Outcome.AHEAD_OF_TARGET, plan("9.0.0", "2.0.0").outcome());
    }

    @Test
    void ledgerAtStepFrom_resumesExactlyThere() {
        Plan p = plan("1.1.0", "2.0.0");
        assertEquals(Plan.Outcome.MIGRATE, p.outcome());
        assertEquals(List.of("b", "c"), ids(p));
        assertTrue(p.steps().stream().noneMatch(PlannedStep::skipForward));
        assertNull(p.stampVersion());
    }

    @Test
    void ledgerInsideStep_skipsForwardIntoThatStepOnly() {
        Plan p = plan("1.2.0", "2.0.0");
        assertEquals(List.of("b", "c"), ids(p));
        assertTrue(p.steps().get(0).skipForward());
        assertFalse(p.steps().get(1).skipForward());
    }

    @Test
    void ledgerOnPreReleaseInsideStep_skipsForward() {
        Plan p = plan("1.3.0-rc.1", "1.3.0");
        assertEquals(List.of("b"), ids(p));
        assertTrue(p.steps().get(0).skipForward());
    }

    @Test
    void targetInTheMiddle_stopsAtTheStepThatLandsOnIt() {
        assertEquals(List.of("a", "b"), ids(plan("1.0.0", "1.3.0")));
    }

    @Test
    void chainOvershootingTarget_isNotReachable() {
        assertNotReachable("1.0.0", "1.2.0", "past the target 1.2.0");
    }

    @Test
    void ledgerPastEndOfChain_isNotReachable() {
        assertNotReachable("2.0.0", "3.0.0", "at or past the end of the chain");
    }

    @Test
    void ledgerBeyondEndOfChainButBelowTarget_isNotReachable() {
        assertNotReachable("2.5.0", "3.0.0", "at or past the end of the chain");
    }

    @Test
    void ledgerBeforeChainStart_isNotReachable() {
        assertNotReachable("0.9.0", "2.0.0", "before the chain's first step");
    }

    @Test
    void chainEndingBeforeTarget_isNotReachable() {
        assertNotReachable("1.0.0", "3.0.0", "the chain ends at 2.0.0");
    }

    @Test
    void emptyChainWithLedgerBelowTarget_isNotReachable() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> Planner.plan(new Planner.Input("1.0.0", List.of(), "2.0.0", false, null)));
        assertEquals(ErrorCode.TARGET_NOT_REACHABLE, e.code());
    }

    @Test
    void newLedgerWithSteps_startsAtFirstStepFromWithoutStamp() {
        Plan p = plan(null, "2.0.0");
        assertEquals(List.of("a", "b", "c"), ids(p));
        assertNull(p.stampVersion());
        assertNull(p.ledgerVersion());
        assertFalse(p.freshInstall());
    }

    @Test
    void newLedgerWithTargetAtChainStart_stampsTarget() {
        Plan p = plan(null, "1.0.0");
        assertEquals(Plan.Outcome.MIGRATE, p.outcome());
        assertEquals("1.0.0", p.stampVersion());
        assertEquals(List.of(), p.steps());
    }

    @Test
    void newLedgerWithTargetBeforeChainStart_isNotReachable() {
        assertNotReachable(null, "0.5.0", "the chain starts at 1.0.0, after the target");
    }

    @Test
    void newLedgerAndNoSteps_stampsTarget() {
        Plan p = Planner.plan(new Planner.Input(null, List.of(), "1.0.0", false, null));
        assertEquals("1.0.0", p.stampVersion());
        assertEquals(List.of(), p.steps());
    }

    @Test
    void freshInstallWithFreshInstallVersionAtTarget_stampsAndRunsNothing() {
        Plan p = Planner.plan(new Planner.Input(null, CHAIN, "2.0.0", true, "2.0.0"));
        assertEquals("2.0.0", p.stampVersion());
        assertEquals(List.of(), p.steps());
        assertTrue(p.freshInstall());
    }

    @Test
    void freshInstallWithEarlierFreshInstallVersion_stampsThenRunsTheRest() {
        Plan p = Planner.plan(new Planner.Input(null, CHAIN, "2.0.0", true, "1.1.0"));
        assertEquals("1.1.0", p.stampVersion());
        assertEquals(List.of("b", "c"), ids(p));
    }

    @Test
    void notFreshWithFreshInstallVersion_runsEveryStep() {
        Plan p = Planner.plan(new Planner.Input(null, CHAIN, "2.0.0", false, "2.0.0"));
        assertNull(p.stampVersion());
        assertEquals(List.of("a", "b", "c"), ids(p));
        assertFalse(p.freshInstall());
    }

    @Test
    void freshInstallVersionIgnoredOnExistingLedger() {
        Plan p = Planner.plan(new Planner.Input("1.3.0", CHAIN, "2.0.0", true, "2.0.0"));
        assertEquals(List.of("c"), ids(p));
        assertFalse(p.freshInstall());
    }

    @Test
    void freshInstallVersionOffTheChain_isInvalidOptionsListingAllowedVersions() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> Planner.checkFreshInstallVersion(CHAIN, "2.0.0", "1.2.0"));
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("[1.0.0, 1.1.0, 1.3.0, 2.0.0]"), e.getMessage());
    }

    @Test
    void freshInstallVersionAfterTarget_isInvalidOptions() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> Planner.checkFreshInstallVersion(CHAIN, "1.3.0", "2.0.0"));
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("[1.0.0, 1.1.0, 1.3.0]"), e.getMessage());
    }

    @Test
    void freshInstallVersionOnBoundaryOrTarget_isAccepted() {
        Planner.checkFreshInstallVersion(CHAIN, "2.0.0", "1.3.0");
        Planner.checkFreshInstallVersion(CHAIN, "2.0.0", "1.0.0");
        Planner.checkFreshInstallVersion(List.of(), "5.0.0", "5.0.0");
        Planner.checkFreshInstallVersion(CHAIN, "2.0.0", null);
    }
}
