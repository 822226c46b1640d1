/**
 * The ledger: the persistent record of the data version, the step history, per-step checkpoints and the lock,
 * behind one {@link dev.smartmigration.runtime.ledger.Ledger} contract with a MongoDB and an S3
 * implementation. The runtime's engine speaks only to the contract, so both backends get the same planning,
 * locking and fencing logic.
 */
package dev.smartmigration.runtime.ledger;
