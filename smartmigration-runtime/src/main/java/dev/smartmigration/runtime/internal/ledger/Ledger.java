package dev.smartmigration.runtime.internal.ledger;

import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.util.Optional;

/**
 * The persistent record of one application's data version, step history, checkpoints and lock.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>Nothing foreign is overwritten.</b> {@link #read()} throws {@code LEDGER_CORRUPT} for a record that
 *       exists but is not a readable smartmigration ledger, and no method ever writes over such a record.
 *   <li><b>Atomic lock.</b> {@link #tryAcquire} succeeds for at most one caller while a lease is live, and for
 *       exactly one of many callers racing for a free or expired lock.
 *   <li><b>The store's clock judges leases.</b> Whether a lease has expired is decided by the store's clock
 *       (MongoDB's {@code $$NOW}, S3's {@code Last-Modified}/{@code Date}), never by an instance's clock.
 *   <li><b>Fencing.</b> {@link #renew} and {@link #write} succeed only while the lease is still this one; once
 *       another owner has taken the lock they throw {@code LOCK_LOST} and change nothing.
 *   <li><b>Unknown outcomes are resolved, not guessed.</b> A write whose reply was lost is settled by reading
 *       the record back and looking for the write's own token.
 *   <li><b>Thread safety.</b> {@link #renew} (from the heartbeat thread) may run concurrently with
 *       {@link #write} (from the runner) for the same lease.
 * </ul>
 */
public interface Ledger {

    /** @return the ledger's name, as configured ({@code ledgerName}) */
    String name();

    /**
     * Reads the ledger in one round trip.
     *
     * @return the ledger, or empty when it has never been written
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LEDGER_CORRUPT} when the record exists
     *         but is not a readable smartmigration ledger; {@code LEDGER_UNAVAILABLE} when the store fails
     */
    Optional<LedgerSnapshot> read();

    /**
     * Reads only the data version and the applied code's digest ({@link LedgerHead}), in one round trip that fetches
     * as little as the store allows: the fast path of a run that finds the data at its target, on every boot.
     *
     * <p>It refuses what it reads exactly as {@link #read()} would: a record without the smartmigration marker, of
     * another format version, or whose version or applied-code digest is malformed throws {@code LEDGER_CORRUPT}, and
     * nothing is written. It does <b>not</b> check the rest of the record (history, checkpoints, lock): a record
     * damaged only there still yields its head. Those parts are checked by the next {@link #read()}, which every
     * run with work to do makes under the lock before it changes anything.
     *
     * <pre>{@code
     * boolean upToDate = ledger.readHead().map(LedgerHead::version).filter("2.3.0"::equals).isPresent();
     * }</pre>
     *
     * <p>The default reads the whole ledger; the MongoDB and S3 ledgers read less.
     *
     * @return the head, or empty when the ledger has never been written
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LEDGER_CORRUPT} when what it reads is not
     *         a smartmigration ledger's; {@code LEDGER_UNAVAILABLE} when the store fails
     */
    default Optional<LedgerHead> readHead() {
        return read().map(snapshot -> LedgerHead.of(snapshot.state()));
    }

    /**
     * Reads only the data version, as {@link #readHead()} does.
     *
     * @return the stamped data version, or empty when the ledger has never been written or has no version yet
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LEDGER_CORRUPT} when what it reads is not
     *         a smartmigration ledger's; {@code LEDGER_UNAVAILABLE} when the store fails
     */
    default Optional<String> readVersion() {
        return readHead().map(LedgerHead::version);
    }

    /**
     * Checks, before the first attempt to take the lock, that the store can keep the lock safe, so that the time
     * the check takes is not counted in a lease's life. The S3 ledger probes the store's conditional writes here
     * (once per instance; {@link #tryAcquire} and {@link #forceUnlock} make the same check when it has not run).
     * The default does nothing.
     *
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code CONDITIONAL_WRITES_UNSUPPORTED} when the
     *         store cannot keep the lock safe; {@code LEDGER_UNAVAILABLE} when the store fails
     */
    default void prepareLock() {
    }

    /**
     * Tries once to take the lock: atomically, if it is free or its lease has expired by the store's clock.
     * Creates the ledger (with no version yet) when it does not exist.
     *
     * @param owner a human-readable name of this instance (host, pid), shown to operators
     * @param ttl   how long the lease lives without renewal
     * @return the lease, or empty when another owner holds a live lease
     */
    Optional<Lease> tryAcquire(String owner, Duration ttl);

    /**
     * Extends the lease by its ttl, measured from now on the store's clock.
     *
     * @param lease a lease from {@link #tryAcquire}
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LOCK_LOST} when the lock is no longer
     *         this lease's
     */
    void renew(Lease lease);

    /**
     * Replaces the ledger's state (version, history, checkpoints), only while {@code lease} still holds the lock.
     *
     * @param lease the current lease
     * @param state the complete new state
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LOCK_LOST} (nothing was written) when
     *         the lock is no longer this lease's
     */
    void write(Lease lease, LedgerState state);

    /**
     * Releases the lock if it is still this lease's; never throws for a lock already lost or released.
     *
     * @param lease the lease to give up
     */
    void release(Lease lease);

    /**
     * Operator action: removes whatever lock is held, live or not. The state is kept.
     *
     * @return the lock that was removed, or empty when there was none
     */
    Optional<LockInfo> forceUnlock();
}
