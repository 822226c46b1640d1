/**
 * Planning: from the ledger's version, the chain and the target, decide what a run does. Pure functions with
 * no I/O, so every case can be unit-tested and {@code MigrationRuntime.plan} can show exactly what
 * {@code MigrationRuntime.run} would do.
 *
 * <p>Internal: not exported by the module and not API. It may change in any release without notice (the MongoDB
 * driver keeps its {@code internal} packages the same way); applications use {@code dev.smartmigration.runtime}.
 */
package dev.smartmigration.runtime.internal.plan;
