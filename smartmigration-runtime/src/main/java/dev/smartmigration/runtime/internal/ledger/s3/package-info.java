/**
 * The S3 ledger: one JSON object per ledger at {@code .smartmigration/<ledgerName>.json}, kept safe across any
 * number of instances by S3 conditional writes ({@code If-None-Match: *} to create, {@code If-Match} to update).
 * Only this package touches the AWS SDK, so an application without it on its classpath never loads it.
 *
 * <p>Start at {@link dev.smartmigration.runtime.internal.ledger.s3.S3Ledger}; {@code docs/ledgers.md} describes the
 * object format, the lock protocol and its limits.
 *
 * <p>Internal: not exported by the module and not API. It may change in any release without notice (the MongoDB
 * driver keeps its {@code internal} packages the same way); applications use {@code dev.smartmigration.runtime}.
 */
package dev.smartmigration.runtime.internal.ledger.s3;
