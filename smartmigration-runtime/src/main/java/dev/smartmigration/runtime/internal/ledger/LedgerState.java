package dev.smartmigration.runtime.internal.ledger;

import dev.smartmigration.runtime.internal.ChainChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ledger records besides the lock. Immutable; change it with the {@code with...} methods.
 *
 * @param version      the data version, or {@code null} when nothing has been stamped yet
 * @param history      every step run attempt, oldest first
 * @param checkpoints  per step id, the step's checkpoint values as JSON text, by key
 * @param freshInstall how the ledger was stamped on a fresh install, or {@code null} when it was not
 * @param appliedCode  the digest of the applied steps' code as the last writer checked it, or {@code null} (a ledger
 *                     written before fingerprints, or without a version)
 */
public record LedgerState(String version, List<HistoryEntry> history, Map<String, Map<String, String>> checkpoints,
                          FreshInstall freshInstall, AppliedCode appliedCode) {

    /** The state of a ledger that has never been stamped. */
    public static final LedgerState EMPTY = new LedgerState(null, List.of(), Map.of());

    /**
     * A state without a fresh-install record or applied-code digest.
     *
     * @param version     the data version, or {@code null}
     * @param history     every step run attempt, oldest first
     * @param checkpoints per step id, the step's checkpoint values as JSON text, by key
     */
    public LedgerState(String version, List<HistoryEntry> history, Map<String, Map<String, String>> checkpoints) {
        this(version, history, checkpoints, null, null);
    }

    /** Copies the history and checkpoints, dropping steps without checkpoints. */
    public LedgerState {
        history = List.copyOf(history);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        checkpoints.forEach((step, values) -> {
            if (!values.isEmpty()) {
                copy.put(Objects.requireNonNull(step), Map.copyOf(values));
            }
        });
        checkpoints = Map.copyOf(copy);
    }

    /**
     * @param newVersion the version to record, a strict semantic version (every read would reject another)
     * @return a copy at {@code newVersion}
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code INVALID_VERSION} for any other text
     */
    public LedgerState withVersion(String newVersion) {
        ChainChecks.version(newVersion, "the ledger's new version");
        return new LedgerState(newVersion, history, checkpoints, freshInstall, appliedCode);
    }

    /**
     * @param stamp the fresh install being recorded
     * @return a copy at the stamp's version that remembers it was a fresh install
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code INVALID_VERSION} for a version that is
     *         not strict
     */
    public LedgerState withFreshInstall(FreshInstall stamp) {
        ChainChecks.version(stamp.version(), "the fresh-install version");
        return new LedgerState(stamp.version(), history, checkpoints, stamp, appliedCode);
    }

    /** @return a copy with {@code entry} appended to the history */
    public LedgerState withHistoryEntry(HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(entry);
        return new LedgerState(version, h, checkpoints, freshInstall, appliedCode);
    }

    /** @return a copy where step {@code stepId}'s checkpoints are {@code values} (empty removes them) */
    public LedgerState withCheckpoints(String stepId, Map<String, String> values) {
        Map<String, Map<String, String>> c = new LinkedHashMap<>(checkpoints);
        c.put(stepId, values);
        return new LedgerState(version, history, c, freshInstall, appliedCode);
    }

    /**
     * @param code the digest of the applied steps' code, as the writer of this state checked it; {@code null} for
     *             none
     * @return a copy that keeps it
     */
    public LedgerState withAppliedCode(AppliedCode code) {
        return new LedgerState(version, history, checkpoints, freshInstall, code);
    }

    /** @return step {@code stepId}'s checkpoints (JSON text by key), empty when none */
    public Map<String, String> checkpointsOf(String stepId) {
        return checkpoints.getOrDefault(stepId, Map.of());
    }
}
