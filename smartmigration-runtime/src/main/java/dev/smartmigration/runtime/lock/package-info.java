/**
 * Locking on top of any {@link dev.smartmigration.runtime.ledger.Ledger}: waiting for the lock with backoff
 * and jitter, and keeping the lease alive with a heartbeat while a run holds it, fencing every ledger write.
 */
package dev.smartmigration.runtime.lock;
