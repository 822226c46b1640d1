/**
 * The MongoDB ledger. Only this package uses the MongoDB driver's ledger-related API, and the runtime
 * references it only when MongoDB is configured, so applications that use S3 alone need no driver.
 *
 * <p>Internal: not exported by the module and not API. It may change in any release without notice (the MongoDB
 * driver keeps its {@code internal} packages the same way); applications use {@code dev.smartmigration.runtime}.
 */
package dev.smartmigration.runtime.internal.ledger.mongo;
