/**
 * The ledger: the persistent record of the data version, the step history, per-step checkpoints and the lock,
 * behind one {@link dev.smartmigration.runtime.internal.ledger.Ledger} contract with a MongoDB and an S3
 * implementation. The runtime's engine speaks only to the contract, so both backends get the same planning,
 * locking and fencing logic.
 *
 * <p>Internal: not exported by the module and not API. It may change in any release without notice (the MongoDB
 * driver keeps its {@code internal} packages the same way); applications use {@code dev.smartmigration.runtime}.
 */
package dev.smartmigration.runtime.internal.ledger;
