package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static final List<MigrationDefinition> CHAIN = MigrationChain.builder()
            .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
            .step("b").from("1.1.0").to("1.2.0").up(ctx -> { })
            .step("c").from("1.2.0").to("2.0.0").up(ctx -> { })
            .step("d").from("2.0.0").to("2.1.0").up(ctx -> { })
            .build().steps();

    private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    private static HistoryEntry entry(String id, String from, String to, HistoryEntry.Status status, boolean skipForward) {
        return new HistoryEntry(id, from, to, status, T0, T0.plusMillis(1500), 1500, "web-1/42", skipForward,
                status == HistoryEntry.Status.FAILED ? "java.io.IOException: disk full" : null, null);
    }

    private static Map<String, StatusReport.State> states(StatusReport report) {
        return report.rows().stream().collect(Collectors.toMap(StatusReport.Row::id, StatusReport.Row::state));
    }

    @Test
    void freshInstallStampedPastSteps_showsThemSkippedForward() {
        LedgerState state = new LedgerState("1.2.0", List.of(), Map.of());

        StatusReport report = StatusReport.of(CHAIN, Optional.of(new LedgerSnapshot(state, null)), "2.1.0");

        assertEquals(Map.of("a", StatusReport.State.SKIPPED_FORWARD, "b", StatusReport.State.SKIPPED_FORWARD,
                "c", StatusReport.State.PENDING, "d", StatusReport.State.PENDING), states(report));
        assertEquals(2, report.pending());
    }

    @Test
    void ledgerInsideAStepsRange_showsItPendingSkipForward() {
        LedgerState state = new LedgerState("1.5.0", List.of(entry("a", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, false)),
                Map.of());

        StatusReport report = StatusReport.of(CHAIN, Optional.of(new LedgerSnapshot(state, null)), "2.1.0");

        assertEquals(StatusReport.State.APPLIED, states(report).get("a"));
        assertEquals(StatusReport.State.SKIPPED_FORWARD, states(report).get("b"));
        assertEquals(StatusReport.State.PENDING_SKIP_FORWARD, states(report).get("c"));
    }

    @Test
    void failureThenSuccess_showsApplied_andFailureAlone_showsFailedWithItsError() {
        LedgerState state = new LedgerState("1.1.0", List.of(
                entry("a", "1.0.0", "1.1.0", HistoryEntry.Status.FAILED, false),
                entry("a", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, false),
                entry("b", "1.1.0", "1.2.0", HistoryEntry.Status.FAILED, false)), Map.of());

        StatusReport report = StatusReport.of(CHAIN, Optional.of(new LedgerSnapshot(state, null)), "2.1.0");

        assertEquals(StatusReport.State.APPLIED, states(report).get("a"));
        assertEquals(StatusReport.State.FAILED, states(report).get("b"));
        assertTrue(report.render().contains("Last failure of b: java.io.IOException: disk full"), report.render());
        assertTrue(report.render().contains("| 2026-11-21 06:00:01Z | 1.5 s    | web-1/42 |"), report.render());
    }

    @Test
    void stepsBeyondTheTarget_andStepsOnlyTheLedgerKnows_areMarked() {
        LedgerState state = new LedgerState("3.0.0", List.of(
                entry("a", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, false),
                entry("z", "2.1.0", "3.0.0", HistoryEntry.Status.APPLIED, false)), Map.of());

        assertEquals(StatusReport.State.NOT_IN_CHAIN,
                states(StatusReport.of(CHAIN, Optional.of(new LedgerSnapshot(state, null)), "2.1.0")).get("z"));
        assertEquals(StatusReport.State.ABOVE_TARGET,
                states(StatusReport.of(CHAIN, Optional.empty(), "1.2.0")).get("c"));
    }

    @Test
    void heldLock_isShownWithOwnerAndExpiry() {
        LockInfo lock = new LockInfo("web-2/9", "t", T0, T0.plusSeconds(30), Duration.ofMinutes(10));

        String text = StatusReport.of(CHAIN, Optional.of(new LedgerSnapshot(LedgerState.EMPTY, lock)), "2.1.0").render();

        assertTrue(text.contains("Lock: held by web-2/9 since 2026-11-21 06:00:00Z, lease expires 2026-11-21 06:10:30Z"),
                text);
    }
}
