package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.lock.LeaseKeeper;
import java.util.function.UnaryOperator;

/** The ledger state as this run last wrote it, changed only through fenced writes. */
final class LedgerSession {

    private final LeaseKeeper keeper;
    private LedgerState state;

    LedgerSession(LeaseKeeper keeper, LedgerState state) {
        this.keeper = keeper;
        this.state = state;
    }

    synchronized LedgerState state() {
        return state;
    }

    /** Writes {@code change(state)} under the lease; the state changes only when the write succeeded. */
    synchronized LedgerState update(UnaryOperator<LedgerState> change) {
        LedgerState next = change.apply(state);
        keeper.write(next);
        state = next;
        return next;
    }

    LeaseKeeper keeper() {
        return keeper;
    }
}
