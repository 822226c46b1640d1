package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Edited, re-ranged and removed steps on any ledger, the tests the MongoDB and S3 ledgers both pass: a chain is
 * applied, then "rebuilt" (the same steps with a changed fingerprint, range or id, as a new build of edited migration
 * classes gives them), and the application boots again. A subclass supplies the store().
 */
abstract class EditedMigrationContract {

    static final String A = "v1:" + "a".repeat(64);
    static final String B = "v1:" + "b".repeat(64);
    static final String B_EDITED = "v1:" + "e".repeat(64);
    static final String C = "v1:" + "c".repeat(64);
    static final String D = "v1:" + "d".repeat(64);

    /** The store under test: its configuration, its ledger, and the requests its counted client sends. */
    interface Store {
        /** @return a configuration of this test's ledger, whose client counts its requests */
        MigrationConfig.Builder config(String target, MigrationChain chain);

        /** @return the requests sent through the counted client since the last call, as request names */
        List<String> takeRequests();

        /** @return the requests the fast path sends: one small read */
        List<String> oneSmallRead();

        /** @return this test's ledger */
        Ledger ledger();

        /**
         * Writes the ledger as a release before fingerprints wrote it: at {@code version}, the steps applied
         * without fingerprints, no applied-code digest.
         */
        void writeLedgerWithoutFingerprints(String version, List<MigrationDefinition> applied);
    }

    private final List<String> ran = new CopyOnWriteArrayList<>();

    /** @return the store of this test, made by the subclass before each test */
    abstract Store store();

    private MigrationDefinition step(String id, String from, String to, String fingerprint) {
        return new MigrationDefinition(id, from, to, "", false, () -> ctx -> ran.add(id), fingerprint);
    }

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0 -c-> 2.0.0, with {@code b}'s fingerprint given. */
    private MigrationChain chain(String b) {
        return chainOf(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.2.0", b), step("c", "1.2.0", "2.0.0", C));
    }

    private static MigrationChain chainOf(MigrationDefinition... steps) {
        MigrationChain.Builder builder = MigrationChain.builder();
        for (MigrationDefinition d : steps) {
            builder.add(d);
        }
        return builder.build();
    }

    private MigrationResult run(String target, MigrationChain chain) {
        return MigrationRuntime.run(store().config(target, chain).build());
    }

    private LedgerState state() {
        return store().ledger().read().orElseThrow().state();
    }

    private void applyTheChain() {
        run("2.0.0", chain(B));
        store().takeRequests();
        ran.clear();
    }

    @Test
    void appliedSteps_recordTheirFingerprints_andTheNoOpBootIsStillOneSmallRead() {
        run("2.0.0", chain(B));

        List<HistoryEntry> history = state().history();
        assertEquals(List.of(A, B, C), history.stream().map(HistoryEntry::fingerprint).toList());
        assertNotNull(state().appliedCode().digest());
        store().takeRequests();
        MigrationResult noOp = run("2.0.0", chain(B));
        assertTrue(noOp.wasUpToDate());
        assertEquals(List.of(), noOp.editedSteps());
        assertEquals(store().oneSmallRead(), store().takeRequests());
    }

    @Test
    void editedStep_isReportedOnEveryBoot_withoutWritingAnything() {
        applyTheChain();
        LedgerState before = state();

        MigrationResult first = run("2.0.0", chain(B_EDITED));
        MigrationResult second = run("2.0.0", chain(B_EDITED));

        for (MigrationResult r : List.of(first, second)) {
            assertTrue(r.wasUpToDate());
            assertEquals(1, r.editedSteps().size(), r.editedSteps().toString());
            EditedStep edited = r.editedSteps().get(0);
            assertEquals("b", edited.id());
            assertEquals(EditedStep.Kind.CODE_CHANGED, edited.kind());
            assertEquals(B, edited.appliedFingerprint());
            assertEquals(B_EDITED, edited.fingerprint());
            assertEquals("test", edited.appliedBy());
        }
        assertEquals(List.of(), ran);
        assertEquals(before, state());
        List<String> requests = store().takeRequests();
        assertTrue(requests.size() > 2 * store().oneSmallRead().size(), "the history was read: " + requests);
    }

    @Test
    void editedStep_withFailIfMigrationsEdited_failsWithMigrationEdited_beforeRunningAnything() {
        run("1.2.0", chain(B));
        ran.clear();
        LedgerState before = state();

        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                store().config("2.0.0", chain(B_EDITED)).failIfMigrationsEdited(true).build()));

        assertEquals(ErrorCode.MIGRATION_EDITED, e.code());
        assertTrue(e.getMessage().contains("step \"b\" (1.1.0 -> 1.2.0), applied at "), e.getMessage());
        assertTrue(e.getMessage().contains("smartmigration repair --accept-edits"), e.getMessage());
        assertEquals("b", e.details().get("steps"));
        assertEquals(List.of(), ran, "c did not run");
        assertEquals(before, state());
        assertThrows(SmartMigrationException.class, () -> MigrationRuntime.plan(
                store().config("2.0.0", chain(B_EDITED)).failIfMigrationsEdited(true).build()));
    }

    @Test
    void editedStep_withPendingSteps_runsThem_andIsStillReportedAfterwards() {
        run("1.2.0", chain(B));
        ran.clear();

        MigrationResult migrated = run("2.0.0", chain(B_EDITED));
        store().takeRequests();
        MigrationResult noOp = run("2.0.0", chain(B_EDITED));

        assertEquals(List.of("c"), ran);
        assertEquals(List.of("b"), migrated.editedSteps().stream().map(EditedStep::id).toList());
        assertEquals(List.of("b"), noOp.editedSteps().stream().map(EditedStep::id).toList());
        assertNull(state().appliedCode().digest(), "no digest while a step is edited: every boot reads and reports");
        assertEquals(C, state().history().get(2).fingerprint());
    }

    @Test
    void removedAndReRangedSteps_areReported_andInfoAndValidateAgree() {
        applyTheChain();
        MigrationChain renamed = chainOf(step("a", "1.0.0", "1.1.0", A), step("b2", "1.1.0", "1.2.0", B),
                step("c", "1.2.0", "2.0.0", C));
        MigrationChain merged = chainOf(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.5.0", B),
                step("c", "1.5.0", "2.0.0", C));

        MigrationResult removed = run("2.0.0", renamed);
        MigrationResult reRanged = run("2.0.0", merged);

        assertEquals(List.of("b REMOVED"), kinds(removed.editedSteps()));
        assertEquals(List.of("b RANGE_CHANGED", "c RANGE_CHANGED"), kinds(reRanged.editedSteps()));
        MigrationInfo info = MigrationRuntime.info(store().config("2.0.0", renamed).build());
        StepInfo b = info.steps().stream().filter(s -> s.id().equals("b")).findFirst().orElseThrow();
        assertEquals(StepState.NOT_IN_CHAIN, b.state());
        assertTrue(b.edited());
        assertEquals(EditedStep.Kind.REMOVED, b.edit().orElseThrow().kind());
        assertEquals(List.of("b REMOVED"), kinds(info.editedSteps()));
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.validate(store().config(null, merged).build()));
        assertEquals(ErrorCode.MIGRATION_EDITED, e.code());
        assertEquals("b,c", e.details().get("steps"));
        assertEquals(List.of(), MigrationRuntime.validate(store().config(null, chain(B)).build()).editedSteps());
        assertEquals(List.of(), ran);
    }

    @Test
    void acceptEdits_recordsWhoAndWhen_andTheNextBootIsOneSmallReadAgain() {
        applyTheChain();
        MigrationChain edited = chainOf(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.2.0", B_EDITED),
                step("c2", "1.2.0", "2.0.0", C));

        List<EditedStep> accepted = MigrationRuntime.acceptEdits(store().config(null, edited).owner("alice").build());

        assertEquals(List.of("b CODE_CHANGED", "c REMOVED"), kinds(accepted));
        List<HistoryEntry> history = state().history();
        HistoryEntry acceptedB = history.get(3);
        assertEquals(HistoryEntry.Status.ACCEPTED, acceptedB.status());
        assertEquals("b", acceptedB.id());
        assertEquals("alice", acceptedB.owner());
        assertEquals(B_EDITED, acceptedB.fingerprint());
        assertNotNull(acceptedB.finishedAt());
        assertEquals(HistoryEntry.Status.ACCEPTED_REMOVAL, history.get(4).status());
        assertEquals("c", history.get(4).id());
        store().takeRequests();
        MigrationResult noOp = run("2.0.0", edited);
        assertEquals(List.of(), noOp.editedSteps());
        assertEquals(store().oneSmallRead(), store().takeRequests());
        StepInfo b = MigrationRuntime.info(store().config(null, edited).build()).steps().get(1);
        assertFalse(b.edited());
        assertEquals(List.of(StepAttempt.Status.APPLIED, StepAttempt.Status.ACCEPTED),
                b.attempts().stream().map(StepAttempt::status).toList());
        assertEquals(List.of(), MigrationRuntime.acceptEdits(store().config(null, edited).build()), "nothing left");
    }

    @Test
    void ledgerWrittenBeforeFingerprints_keepsWorking_unknownIsNeverEdited_andRepairBringsTheDigest() {
        MigrationChain plain = chain(null);
        store().writeLedgerWithoutFingerprints("2.0.0", plain.steps());
        store().takeRequests();

        MigrationResult noOp = run("2.0.0", chain(B_EDITED));

        assertTrue(noOp.wasUpToDate());
        assertEquals(List.of(), noOp.editedSteps());
        assertEquals(store().oneSmallRead(), store().takeRequests(), "no digest to compare: the version decides");
        MigrationInfo info = MigrationRuntime.info(store().config(null, chain(B_EDITED)).build());
        assertEquals(List.of(), info.editedSteps(), "fingerprints not recorded are unknown, never edited");
        assertTrue(info.steps().get(1).lastAttempt().orElseThrow().fingerprint().isEmpty());
        assertEquals(List.of(), MigrationRuntime.acceptEdits(store().config(null, chain(B)).build()));
        assertNotNull(state().appliedCode().digest(), "repair wrote the digest the fast path compares");
        store().takeRequests();
        assertEquals(List.of(), run("2.0.0", chain(B)).editedSteps());
        assertEquals(store().oneSmallRead(), store().takeRequests());
        MigrationRuntime.run(store().config("2.1.0", chainOf(step("a", "1.0.0", "1.1.0", A),
                step("b", "1.1.0", "1.2.0", B), step("c", "1.2.0", "2.0.0", C), step("d", "2.0.0", "2.1.0", D)))
                .build());
        assertEquals(List.of("d"), ran);
        assertEquals(D, state().history().get(3).fingerprint());
    }

    @Test
    void olderReleaseOnNewerData_judgesNothing_andStaysOneSmallRead() {
        applyTheChain();
        MigrationChain older = chainOf(step("a", "1.0.0", "1.1.0", A), step("b", "1.1.0", "1.2.0", B_EDITED));

        MigrationResult r = run("1.2.0", older);

        assertTrue(r.ledgerAheadOfTarget());
        assertEquals(List.of(), r.editedSteps());
        assertEquals(store().oneSmallRead(), store().takeRequests());
    }

    @Test
    void fingerprintOfAnotherAlgorithmOrNone_isNeverAnEdit() {
        applyTheChain();

        assertEquals(List.of(), run("2.0.0", chain("v2:" + "b".repeat(64))).editedSteps());
        assertEquals(List.of(), run("2.0.0", chain(null)).editedSteps());
    }

    private static List<String> kinds(List<EditedStep> edited) {
        List<String> kinds = new ArrayList<>();
        edited.forEach(e -> kinds.add(e.id() + " " + e.kind()));
        return kinds;
    }

    /** @return the steps of the chain as a release before fingerprints recorded them, one {@code APPLIED} each */
    static List<Map<String, Object>> appliedWithoutFingerprints(List<MigrationDefinition> steps, Object at) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (MigrationDefinition d : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", d.id());
            entry.put("from", d.from());
            entry.put("to", d.to());
            entry.put("status", "APPLIED");
            entry.put("startedAt", at);
            entry.put("finishedAt", at);
            entry.put("durationMs", 12L);
            entry.put("owner", "web-1:42");
            entry.put("skipForward", false);
            entry.put("error", null);
            entry.put("errorStack", null);
            entry.put("rootCause", null);
            history.add(entry);
        }
        return history;
    }
}
