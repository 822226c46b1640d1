package dev.smartmigration.runtime;

import dev.smartmigration.chainrules.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares what the ledger records as applied with the chain: which applied steps were edited, re-ranged or removed
 * ({@link EditedStep}), and the digest of the applied steps' code that the ledger keeps beside its version so that
 * the fast path can tell nothing changed ({@link AppliedCode}).
 *
 * <p>What a step "ran with" is its last history entry that records code: the last {@code APPLIED} one, or an
 * operator's later {@code ACCEPTED} one; an {@code ACCEPTED_REMOVAL} entry after them means its removal was accepted.
 */
final class AppliedChanges {

    private AppliedChanges() {
    }

    /**
     * @param history the ledger's history, oldest first
     * @param chain   the chain's steps, in chain order
     * @return the applied steps the chain no longer matches: in chain order, then the removed ones in the order the
     *         ledger first recorded them
     */
    static List<EditedStep> find(List<HistoryEntry> history, List<MigrationDefinition> chain) {
        Map<String, HistoryEntry> ranWith = ranWith(history);
        List<EditedStep> edited = new ArrayList<>();
        Set<String> inChain = new HashSet<>();
        for (MigrationDefinition d : chain) {
            inChain.add(d.id());
            HistoryEntry e = ranWith.get(d.id());
            if (e == null || e.status() == HistoryEntry.Status.ACCEPTED_REMOVAL) {
                continue;
            }
            if (!e.from().equals(d.from()) || !e.to().equals(d.to())) {
                edited.add(edited(e, EditedStep.Kind.RANGE_CHANGED, d));
            } else if (Fingerprints.differ(e.fingerprint(), d.fingerprint())) {
                edited.add(edited(e, EditedStep.Kind.CODE_CHANGED, d));
            }
        }
        StrictVersion end = null;
        for (HistoryEntry e : ranWith.values()) {
            if (inChain.contains(e.id()) || e.status() == HistoryEntry.Status.ACCEPTED_REMOVAL) {
                continue;
            }
            end = end != null ? end : end(chain);
            StrictVersion to = StrictVersion.parse(e.to()).orElse(null);
            // A step past the chain's end was run by a newer release: not removed, only not known to this one.
            if (end != null && to != null && !to.isAfter(end)) {
                edited.add(edited(e, EditedStep.Kind.REMOVED, null));
            }
        }
        return edited;
    }

    /**
     * The digest to keep with {@code state}: of the chain's steps from the first applied one to the state's
     * version, when every applied step matches the chain; no digest when one does not (so that every run reads the
     * history and reports it again); nothing for a ledger without a version.
     *
     * @param state   a state about to be written
     * @param chain   the chain's steps, in chain order, checked
     * @param digests the digests of that chain
     * @return the state's applied code, or {@code null}
     */
    static AppliedCode appliedCode(LedgerState state, List<MigrationDefinition> chain, ChainDigests digests) {
        String version = state.version();
        if (version == null) {
            return null;
        }
        Map<String, HistoryEntry> ranWith = ranWith(state.history());
        String since = version;
        for (MigrationDefinition d : chain) {
            HistoryEntry e = ranWith.get(d.id());
            if (e != null && e.status().recordsCode()) {
                since = d.from();
                break;
            }
        }
        boolean clean = find(state.history(), chain).isEmpty();
        return new AppliedCode(since, clean ? digests.digest(since, version) : null);
    }

    /**
     * @param edited     what {@link #find} found, not empty
     * @param ledgerName the ledger's name
     * @return the message that reports them, with what to do
     */
    static String describe(List<EditedStep> edited, String ledgerName) {
        return edited.size() + " applied step(s) of ledger \"" + ledgerName + "\" no longer match the code, so a "
                + "fresh install would now get different data than this one: "
                + edited.stream().map(EditedStep::describe).collect(Collectors.joining("; ")) + ". Undo the change "
                + "and add a new step instead; or, if the change is intended and the data is right, accept the code "
                + "as it is now with `smartmigration repair --accept-edits` (MigrationRuntime.acceptEdits(config)).";
    }

    /** @return per step id, the last entry that says what code the step ran with, in the order ids first appear */
    private static Map<String, HistoryEntry> ranWith(List<HistoryEntry> history) {
        Map<String, HistoryEntry> ranWith = new LinkedHashMap<>();
        for (HistoryEntry e : history) {
            if (e.status() != HistoryEntry.Status.FAILED) {
                ranWith.put(e.id(), e);
            }
        }
        return ranWith;
    }

    /** @return the highest {@code to} of the chain, or {@code null} for an empty chain */
    private static StrictVersion end(List<MigrationDefinition> chain) {
        StrictVersion end = null;
        for (MigrationDefinition d : chain) {
            StrictVersion to = StrictVersion.parse(d.to()).orElse(null);
            if (to != null && (end == null || to.isAfter(end))) {
                end = to;
            }
        }
        return end;
    }

    private static EditedStep edited(HistoryEntry e, EditedStep.Kind kind, MigrationDefinition now) {
        return new EditedStep(e.id(), kind, e.from(), e.to(), e.fingerprint(), e.finishedAt(), e.owner(),
                now == null ? null : now.from(), now == null ? null : now.to(), now == null ? null : now.fingerprint());
    }
}
