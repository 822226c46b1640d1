package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as an edited, re-ranged or removed step, and the digest the fast path compares: no store needed. */
class AppliedChangesTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:15:00Z");
    private static final String A = "v1:" + "a".repeat(64);
    private static final String B = "v1:" + "b".repeat(64);
    private static final String B2 = "v1:" + "2".repeat(64);
    private static final String C = "v1:" + "c".repeat(64);

    private static MigrationDefinition step(String id, String from, String to, String fingerprint) {
        return new MigrationDefinition(id, from, to, "", false, () -> ctx -> { }, fingerprint);
    }

    private static List<MigrationDefinition> chain(String b) {
        return List.of(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.2.0", b), step("c", "1.2.0", "2.0.0", C));
    }

    private static HistoryEntry entry(String id, String from, String to, HistoryEntry.Status status,
                                      String fingerprint) {
        return new HistoryEntry(id, from, to, status, T0, T0, 5, "web-1", false, null, null, null, fingerprint);
    }

    private static List<HistoryEntry> applied(String b) {
        return List.of(entry("a", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, A),
                entry("b", "1.1.0", "1.2.0", HistoryEntry.Status.APPLIED, b),
                entry("c", "1.2.0", "2.0.0", HistoryEntry.Status.APPLIED, C));
    }

    @Test
    void sameCode_noEdit() {
        assertEquals(List.of(), AppliedChanges.find(applied(B), chain(B)));
    }

    @Test
    void otherFingerprint_isCodeChanged_withBothFingerprintsAndWhoRanIt() {
        List<EditedStep> edited = AppliedChanges.find(applied(B), chain(B2));

        assertEquals(List.of(new EditedStep("b", EditedStep.Kind.CODE_CHANGED, "1.1.0", "1.2.0", B, T0, "web-1",
                "1.1.0", "1.2.0", B2)), edited);
        assertTrue(edited.get(0).codeChanged());
        assertEquals("step \"b\" (1.1.0 -> 1.2.0), applied at 2026-11-29T10:15:00Z by web-1, was edited since: its "
                + "code's fingerprint is v1:222222222222…, it was v1:bbbbbbbbbbbb…", edited.get(0).describe());
    }

    @Test
    void unknownOrOtherAlgorithm_isNeverAnEdit() {
        assertEquals(List.of(), AppliedChanges.find(applied(null), chain(B2)), "recorded before fingerprints");
        assertEquals(List.of(), AppliedChanges.find(applied(B), chain(null)), "code without a fingerprint");
        assertEquals(List.of(), AppliedChanges.find(applied(B), chain("v2:" + "b".repeat(64))), "a later algorithm");
    }

    @Test
    void otherRange_isRangeChanged_andSaysWhenTheCodeChangedToo() {
        List<MigrationDefinition> merged = List.of(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.5.0", B2),
                step("c", "1.5.0", "2.0.0", C));

        List<EditedStep> edited = AppliedChanges.find(applied(B), merged);

        assertEquals(List.of("b", "c"), edited.stream().map(EditedStep::id).toList());
        assertTrue(edited.stream().allMatch(e -> e.kind() == EditedStep.Kind.RANGE_CHANGED));
        assertTrue(edited.get(0).codeChanged());
        assertFalse(edited.get(1).codeChanged());
        assertTrue(edited.get(0).describe().endsWith(", is 1.1.0 -> 1.5.0 in the chain now, and its code was edited "
                + "(fingerprint v1:222222222222…, it was v1:bbbbbbbbbbbb…)"), edited.get(0).describe());
    }

    @Test
    void idNoLongerInTheChain_isRemoved_butAStepPastTheChainsEndWasRunByANewerRelease() {
        List<MigrationDefinition> renamed = List.of(step("a", "1.0.0", "1.1.0", A), step("b2", "1.1.0", "1.2.0", B),
                step("c", "1.2.0", "2.0.0", C));
        List<MigrationDefinition> older = List.of(step("a", "1.0.0", "1.1.0", A));

        List<EditedStep> removed = AppliedChanges.find(applied(B), renamed);

        assertEquals(List.of(new EditedStep("b", EditedStep.Kind.REMOVED, "1.1.0", "1.2.0", B, T0, "web-1", null,
                null, null)), removed);
        assertTrue(removed.get(0).describe().endsWith(", is no longer in the chain"));
        assertEquals(List.of(), AppliedChanges.find(applied(B), older));
    }

    @Test
    void acceptedEntries_areWhatTheStepRanWith_failuresAreNot() {
        List<HistoryEntry> history = new ArrayList<>(applied(B));
        history.add(entry("b", "1.1.0", "1.2.0", HistoryEntry.Status.ACCEPTED, B2));
        history.add(entry("c", "1.2.0", "2.0.0", HistoryEntry.Status.FAILED, "v1:" + "f".repeat(64)));

        assertEquals(List.of(), AppliedChanges.find(history, chain(B2)));
        assertEquals(List.of("b"), AppliedChanges.find(history, chain(B)).stream().map(EditedStep::id).toList());

        List<MigrationDefinition> withoutB = List.of(step("a", "1.0.0", "1.1.0", A), step("b2", "1.1.0", "1.2.0", B),
                step("c", "1.2.0", "2.0.0", C));
        history.add(entry("b", "1.1.0", "1.2.0", HistoryEntry.Status.ACCEPTED_REMOVAL, null));
        assertEquals(List.of(), AppliedChanges.find(history, withoutB));
    }

    @Test
    void appliedCode_coversTheStepsFromTheFirstAppliedOne_andHasNoDigestWhileAStepIsEdited() {
        LedgerState freshInstalledAt11 = new LedgerState("2.0.0", applied(B).subList(1, 3), Map.of());
        ChainDigests digests = new ChainDigests(chain(B));

        AppliedCode code = AppliedChanges.appliedCode(freshInstalledAt11, chain(B), digests);

        assertEquals("1.1.0", code.since());
        assertEquals(digests.digest("1.1.0", "2.0.0"), code.digest());
        assertNotNull(code.digest());
        AppliedCode edited = AppliedChanges.appliedCode(freshInstalledAt11, chain(B2), new ChainDigests(chain(B2)));
        assertEquals(new AppliedCode("1.1.0", null), edited);
        assertEquals(new AppliedCode("2.0.0", digests.digest("2.0.0", "2.0.0")),
                AppliedChanges.appliedCode(new LedgerState("2.0.0", List.of(), Map.of()), chain(B), digests),
                "nothing applied: an empty run of steps");
        assertNull(AppliedChanges.appliedCode(LedgerState.EMPTY, chain(B), digests));
    }

    @Test
    void digest_followsTheVersionsNotTheListOrder_andChangesWithAnyIdRangeOrFingerprint() {
        List<MigrationDefinition> shuffled = new ArrayList<>(chain(B));
        Collections.reverse(shuffled);
        String digest = new ChainDigests(chain(B)).digest("1.0.0", "2.0.0");

        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(digest, new ChainDigests(shuffled).digest("1.0.0", "2.0.0"));
        assertNotEquals(digest, new ChainDigests(chain(B2)).digest("1.0.0", "2.0.0"));
        assertNotEquals(digest, new ChainDigests(chain(null)).digest("1.0.0", "2.0.0"));
        assertNotEquals(digest, new ChainDigests(List.of(step("a", "1.0.0", "1.1.0", A),
                step("b2", "1.1.0", "1.2.0", B), step("c", "1.2.0", "2.0.0", C))).digest("1.0.0", "2.0.0"));
        assertNotEquals(digest, new ChainDigests(chain(B)).digest("1.1.0", "2.0.0"));
        assertNull(new ChainDigests(chain(B)).digest("1.0.0", "1.5.0"), "no step ends at 1.5.0");
        assertNull(new ChainDigests(chain(B)).digest("0.9.0", "2.0.0"), "no step starts at 0.9.0");
    }

    @Test
    void digest_extendedStepByStep_isTheDigestComputedAtOnce() {
        ChainDigests stepwise = new ChainDigests(chain(B));
        stepwise.digest("1.0.0", "1.1.0");
        stepwise.digest("1.0.0", "1.2.0");
        String extended = stepwise.digest("1.0.0", "2.0.0");

        assertEquals(new ChainDigests(chain(B)).digest("1.0.0", "2.0.0"), extended);
        assertEquals(new ChainDigests(chain(B)).digest("1.0.0", "1.1.0"), stepwise.digest("1.0.0", "1.1.0"),
                "a shorter run after a longer one");
    }
}
