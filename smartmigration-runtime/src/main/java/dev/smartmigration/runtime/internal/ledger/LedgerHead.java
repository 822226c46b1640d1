package dev.smartmigration.runtime.internal.ledger;

/**
 * What the fast path reads: the data version and the {@link AppliedCode}, no history, checkpoints or lock.
 *
 * @param version     the data version, or {@code null} when none has been stamped yet
 * @param appliedCode the digest of the applied steps' code, or {@code null} when the ledger was last written by a
 *                    release before fingerprints (or has no version)
 */
public record LedgerHead(String version, AppliedCode appliedCode) {

    /**
     * @param state a ledger's state
     * @return the head of that state
     */
    public static LedgerHead of(LedgerState state) {
        return new LedgerHead(state.version(), state.appliedCode());
    }
}
