package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.lock.LockAcquirer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MigrationRuntime#acceptEdits}: records, under the ledger's lock, the chain's code as what the applied steps
 * ran with, and the digest of it beside the version.
 */
final class EditAcceptance {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRuntime.class);

    private EditAcceptance() {
    }

    static List<EditedStep> accept(MigrationConfig config) {
        Ledger ledger = Ledgers.open(config);
        List<MigrationDefinition> chain = Chains.load(config);
        ChainDigests digests = config.chainDigests(chain);
        Optional<LedgerState> found = ledger.read().map(LedgerSnapshot::state);
        if (found.isEmpty() || found.get().version() == null || current(found.get(), chain, digests)) {
            return List.of();
        }
        LockAcquirer.Outcome lock = LockAcquirer.acquire(ledger, config.owner(), config.lockTtl(), config.lockWait(),
                snapshot -> false, holder -> { });
        Lease lease = lock.lease();
        try {
            LedgerState state = ledger.read().map(LedgerSnapshot::state).orElseThrow();
            List<EditedStep> accepted = AppliedChanges.find(state.history(), chain);
            Instant now = config.clock().instant();
            for (EditedStep e : accepted) {
                state = state.withHistoryEntry(e.kind() == EditedStep.Kind.REMOVED
                        ? new HistoryEntry(e.id(), e.appliedFrom(), e.appliedTo(),
                                HistoryEntry.Status.ACCEPTED_REMOVAL, now, now, 0, config.owner(), false, null, null,
                                null, null)
                        : new HistoryEntry(e.id(), e.from(), e.to(), HistoryEntry.Status.ACCEPTED, now, now, 0,
                                config.owner(), false, null, null, null, e.fingerprint()));
                LOG.warn("Ledger \"{}\": {} accepted the code as it is now for {}", ledger.name(), config.owner(),
                        e.describe());
            }
            ledger.write(lease, state.withAppliedCode(AppliedChanges.appliedCode(state, chain, digests)));
            return accepted;
        } finally {
            ledger.release(lease);
        }
    }

    /** @return whether nothing is to accept and the digest beside the version is already this chain's */
    private static boolean current(LedgerState state, List<MigrationDefinition> chain, ChainDigests digests) {
        return AppliedChanges.find(state.history(), chain).isEmpty()
                && Objects.equals(state.appliedCode(), AppliedChanges.appliedCode(state, chain, digests));
    }
}
