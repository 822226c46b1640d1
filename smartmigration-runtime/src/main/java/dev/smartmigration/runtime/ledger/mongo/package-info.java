/**
 * The MongoDB ledger. Only this package uses the MongoDB driver's ledger-related API, and the runtime
 * references it only when MongoDB is configured, so applications that use S3 alone need no driver.
 */
package dev.smartmigration.runtime.ledger.mongo;
