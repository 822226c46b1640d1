package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.StoredLock;
import java.util.Objects;

/**
 * The content of the ledger object.
 *
 * @param writeId unique per write, so that a writer whose reply was lost can recognise its own write
 * @param state   version, history, checkpoints
 * @param lock    the lock, or {@code null} when free
 */
record StoredLedger(String writeId, LedgerState state, StoredLock lock) {

    StoredLedger {
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(state, "state");
    }

    boolean lockedBy(String token) {
        return lock != null && lock.token().equals(token);
    }
}
