/**
 * Planning: from the ledger's version, the chain and the target, decide what a run does. Pure functions with
 * no I/O, so every case can be unit-tested and {@code MigrationRuntime.plan} can show exactly what
 * {@code MigrationRuntime.run} would do.
 */
package dev.smartmigration.runtime.plan;
