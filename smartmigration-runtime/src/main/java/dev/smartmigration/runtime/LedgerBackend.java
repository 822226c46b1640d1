package dev.smartmigration.runtime;

/**
 * Where the ledger (data version, step history, checkpoints and lock) is kept.
 *
 * <pre>{@code
 * MigrationConfig.builder().targetVersion("2.0.0")
 *     .mongo(mongoClient, "appdb").s3(s3Client, "app-bucket")
 *     .ledgerBackend(LedgerBackend.S3)      // the default would be MONGO, as MongoDB is configured
 *     .build();
 * }</pre>
 */
public enum LedgerBackend {
    /** A document in a dedicated collection of the configured MongoDB database. */
    MONGO,
    /** An object in the configured S3 bucket. */
    S3
}
