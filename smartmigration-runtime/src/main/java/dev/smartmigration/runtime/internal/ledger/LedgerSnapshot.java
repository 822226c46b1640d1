package dev.smartmigration.runtime.internal.ledger;

import dev.smartmigration.runtime.LockInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of the ledger.
 *
 * @param state the version, history and checkpoints
 * @param lock  the lock as stored, or {@code null} when none is held
 */
public record LedgerSnapshot(LedgerState state, LockInfo lock) {
    /** Rejects a {@code null} state. */
    public LedgerSnapshot {
        Objects.requireNonNull(state, "state");
    }

    /** @return the stored lock, if any (live or expired) */
    public Optional<LockInfo> lockInfo() {
        return Optional.ofNullable(lock);
    }
}
