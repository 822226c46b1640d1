/**
 * Locking on top of any {@link dev.smartmigration.runtime.internal.ledger.Ledger}: waiting for the lock with backoff
 * and jitter, and keeping the lease alive with a heartbeat while a run holds it, fencing every ledger write.
 *
 * <p>Internal: not exported by the module and not API. It may change in any release without notice (the MongoDB
 * driver keeps its {@code internal} packages the same way); applications use {@code dev.smartmigration.runtime}.
 */
package dev.smartmigration.runtime.internal.lock;
