package dev.smartmigration.runtime;

/**
 * The stable codes of every error smartmigration reports at run time. The chain rules' codes
 * ({@code CHAIN_GAP}, {@code INVALID_VERSION}, ...) are also the tags of the annotation processor's compile errors.
 *
 * <p>Messages begin with the code's {@link #tag()}, e.g. {@code [smartmigration:CHAIN_GAP]}, so logs and
 * compiler output can be searched for it. {@code docs/errors.md} gives the cause and fix of each.
 */
public enum ErrorCode {
    /** A configuration value is missing, malformed or contradicts another. */
    INVALID_OPTIONS,
    /** {@code targetVersion} was not set. */
    MISSING_TARGET_VERSION,
    /** Neither a MongoDB database nor an S3 bucket was configured. */
    NO_RESOURCES,
    /** The chosen ledger backend's store was not configured. */
    LEDGER_BACKEND_MISMATCH,
    /** A version is not a strict semantic version. */
    INVALID_VERSION,
    /** A step id is blank or has characters outside {@code [A-Za-z0-9._-]}. */
    INVALID_STEP_ID,
    /** Two steps share an id. */
    DUPLICATE_STEP_ID,
    /** A step does not start where the previous one ends. */
    CHAIN_GAP,
    /** Two steps start at the same version, or their ranges overlap. */
    CHAIN_OVERLAP,
    /** A step's {@code to} is not greater than its {@code from}. */
    INVALID_STEP_RANGE,
    /** No chain was configured and none was generated on the classpath (or more than one was). */
    CHAIN_NOT_FOUND,
    /** A store's client library is not on the classpath, or a step asked for a store that was not configured. */
    RESOURCE_NOT_CONFIGURED,
    /** The lock was still held by another instance when {@code lockWait} ran out. */
    LOCK_TIMEOUT,
    /** This run's lease expired or was taken over; it stopped before writing anything more. */
    LOCK_LOST,
    /** The ledger exists but is not readable as a smartmigration ledger; it was left untouched. */
    LEDGER_CORRUPT,
    /** The ledger's store failed or could not be reached. */
    LEDGER_UNAVAILABLE,
    /** The S3 store does not honour the conditional writes the ledger relies on (the probe names the check). */
    CONDITIONAL_WRITES_UNSUPPORTED,
    /** A step threw; the cause is the step's exception. */
    STEP_FAILED,
    /** The chain cannot take the data from its current version to the target. */
    TARGET_NOT_REACHABLE,
    /** The data is ahead of the target and the configuration asks that to be an error. */
    LEDGER_AHEAD_OF_TARGET,
    /**
     * The data is behind the target and steps are pending where nothing may migrate: the Spring Boot starter's
     * {@code smartmigration.mode=validate}.
     */
    MIGRATION_PENDING,
    /** A checkpoint value could not be written or read as JSON. */
    CHECKPOINT_SERIALIZATION,
    /** A step that is not resumable used checkpoints. */
    STEP_NOT_RESUMABLE,
    /**
     * An applied step that the code no longer matches: edited after it ran, re-ranged, or removed from the chain
     * ({@link MigrationRuntime#validate}, or {@code run} with {@code failIfMigrationsEdited}).
     */
    MIGRATION_EDITED,
    /** A collection walked in {@code _id} order holds an {@code _id} of a BSON type the walk cannot page through. */
    UNSUPPORTED_ID_TYPE,
    /**
     * Tenants of a fleet did not reach the target (every tenant was still tried); the message names each, the first
     * tenant's error is the cause and the others' are suppressed.
     */
    FLEET_FAILED;

    /**
     * The tag that starts every message with this code.
     *
     * @return {@code [smartmigration:NAME]}
     */
    public String tag() {
        return "[smartmigration:" + name() + "]";
    }
}
